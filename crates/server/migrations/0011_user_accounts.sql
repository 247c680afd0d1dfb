-- Managing users (issue 15): partner staff and customer users are added, given roles,
-- deactivated and restored; a new user, or one whose password is reset, chooses a password
-- through a single-use link.

-- When the account was deactivated: it cannot sign in and its sessions are gone. NULL: active.
ALTER TABLE users ADD COLUMN deactivated_at TEXT;
-- Partner Center's CustomerUser fields, for customer users created through the API.
ALTER TABLE users ADD COLUMN first_name TEXT;
ALTER TABLE users ADD COLUMN last_name TEXT;
ALTER TABLE users ADD COLUMN usage_location TEXT;
-- A user who has not chosen a password yet has '' as password_hash, which no password matches.

-- Only a hash of the token is kept, as for sessions and invitations.
CREATE TABLE password_links (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    -- NULL while open; then used | replaced, and when.
    outcome      TEXT,
    answered_at  TEXT
);
CREATE INDEX password_links_user ON password_links (user_id);
