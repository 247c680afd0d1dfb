-- Partners, customers, the relationships between them, users, roles and sessions.
--
-- Portable across SQLite and PostgreSQL (one code path through sqlx's Any driver):
--   * ids are TEXT (UUIDs), timestamps are TEXT in UTC, fixed width `YYYY-MM-DDTHH:MM:SS.mmmZ`, so
--     text order is time order;
--   * integers are BIGINT and flags are BIGINT 0/1 (the Any driver cannot read SQLite BOOLEAN).

CREATE TABLE partners (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    mpn_id      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE customers (
    id            TEXT PRIMARY KEY,
    company_name  TEXT NOT NULL,
    domain        TEXT NOT NULL UNIQUE,
    country       TEXT NOT NULL,   -- ISO 3166-1 alpha-2
    currency      TEXT NOT NULL,   -- ISO 4217
    culture       TEXT NOT NULL,   -- BCP 47, e.g. fr-FR
    created_at    TEXT NOT NULL
);

-- A partner acts for a customer only through a relationship the customer has accepted; delegated
-- admin requests create pending ones.
CREATE TABLE partner_customer_relationships (
    partner_id         TEXT NOT NULL REFERENCES partners (id),
    customer_id        TEXT NOT NULL REFERENCES customers (id),
    relationship_type  TEXT NOT NULL,   -- reseller
    status             TEXT NOT NULL,   -- pending | accepted | terminated
    created_at         TEXT NOT NULL,
    accepted_at        TEXT,
    PRIMARY KEY (partner_id, customer_id)
);
CREATE INDEX partner_customer_relationships_customer ON partner_customer_relationships (customer_id);

-- A user belongs to exactly one partner or one customer.
CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,   -- stored lower-case
    display_name   TEXT NOT NULL,
    password_hash  TEXT NOT NULL,          -- argon2id PHC string
    partner_id     TEXT REFERENCES partners (id),
    customer_id    TEXT REFERENCES customers (id),
    locale         TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    CHECK ((partner_id IS NULL AND customer_id IS NOT NULL)
        OR (partner_id IS NOT NULL AND customer_id IS NULL))
);

CREATE TABLE user_roles (
    user_id  TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role     TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

-- Only a hash of the session token is stored: a leaked table does not sign anyone in.
CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Failed sign-ins per email address within the current window, to refuse password guessing.
CREATE TABLE login_throttle (
    email              TEXT PRIMARY KEY,
    failed_attempts    BIGINT NOT NULL,
    window_started_at  TEXT NOT NULL
);
CREATE INDEX login_throttle_window ON login_throttle (window_started_at);
