-- The activity log (issue 15): every change to customers, users, roles, relationships, role
-- assignments, and every commerce action, written in the same transaction as the change.
CREATE TABLE activity (
    id           TEXT PRIMARY KEY,
    at           TEXT NOT NULL,
    -- Who: a user (NULL for someone without an account yet, such as an invitee declining).
    actor_id     TEXT,
    actor_name   TEXT NOT NULL,
    -- Whose: the partner and/or the customer the change belongs to; each sees its own.
    partner_id   TEXT,
    customer_id  TEXT,
    -- What: a stable name (`customer.created`, `subscription.changed` …) and its object.
    action       TEXT NOT NULL,
    target_id    TEXT NOT NULL,
    target_name  TEXT NOT NULL,
    before_value TEXT,
    after_value  TEXT,
    request_id   TEXT NOT NULL
);
CREATE INDEX activity_partner ON activity (partner_id, at);
CREATE INDEX activity_customer ON activity (customer_id, at);
