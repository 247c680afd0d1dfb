-- Access to one subscription (issue 15, the seed's "Access control"): a customer's user holds
-- Owner, Contributor or Reader on a subscription. A customer user with no directory role sees
-- only the subscriptions they hold a role on.
CREATE TABLE subscription_role_assignments (
    subscription_id  TEXT NOT NULL REFERENCES subscriptions (id),
    user_id          TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role             TEXT NOT NULL,   -- owner | contributor | reader
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    PRIMARY KEY (subscription_id, user_id)
);
CREATE INDEX subscription_role_assignments_user ON subscription_role_assignments (user_id);
