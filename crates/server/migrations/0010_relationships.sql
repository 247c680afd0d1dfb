-- Delegated admin relationships (issue 15): requested, accepted, declined, ended or expired, for
-- a duration; and the single-use invitations a customer's first admin accepts them with.

-- One spelling per status, the API's (`RelationshipStatus`): accepted becomes active, terminated
-- becomes ended.
UPDATE partner_customer_relationships SET status = 'active' WHERE status = 'accepted';
UPDATE partner_customer_relationships SET status = 'ended' WHERE status = 'terminated';
-- When an active relationship runs out; NULL for those accepted before relationships had a
-- duration (the old all-or-nothing delegated admin had none).
ALTER TABLE partner_customer_relationships ADD COLUMN expires_at TEXT;
ALTER TABLE partner_customer_relationships ADD COLUMN ended_at TEXT;
-- Who ended it: a user id, or NULL when it expired.
ALTER TABLE partner_customer_relationships ADD COLUMN ended_by TEXT;

-- Still one reseller per customer (see 0008): a pending or active relationship with one partner
-- keeps every other partner out; declined, ended and expired ones do not.
DROP INDEX partner_customer_relationships_one_reseller;
CREATE UNIQUE INDEX partner_customer_relationships_one_reseller
    ON partner_customer_relationships (customer_id) WHERE status IN ('pending', 'active');

-- Only a hash of the token is kept, as for sessions: the link is shown once.
CREATE TABLE invitations (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    partner_id   TEXT NOT NULL REFERENCES partners (id),
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    email        TEXT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users (id),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    -- NULL while open; then accepted | declined | replaced, and when.
    outcome      TEXT,
    answered_at  TEXT
);
CREATE INDEX invitations_customer ON invitations (customer_id);
