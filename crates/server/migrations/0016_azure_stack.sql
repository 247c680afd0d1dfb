-- Azure Stack Hub registrations (issue 16, seed 001).

-- Each Azure subscription lives in one Azure cloud; registration works in the public one only.
ALTER TABLE azure_entitlements ADD COLUMN cloud TEXT NOT NULL DEFAULT 'AzureCloud';

-- Keys the portal signs with, made on first use and shared by every replica.
CREATE TABLE signing_keys (
    name        TEXT PRIMARY KEY,
    secret      TEXT NOT NULL,     -- base64
    created_at  TEXT NOT NULL
);

CREATE TABLE azure_stack_registrations (
    id                     TEXT PRIMARY KEY,
    customer_id            TEXT NOT NULL REFERENCES customers (id),
    -- The Azure subscription it is registered under (an Azure subscription of an Azure plan).
    azure_subscription_id  TEXT NOT NULL REFERENCES azure_entitlements (id),
    resource_group         TEXT NOT NULL,
    name                   TEXT NOT NULL,
    cloud_id               TEXT NOT NULL,     -- the deployment's identifier
    connection             TEXT NOT NULL,     -- connected | disconnected
    billing_model          TEXT NOT NULL,     -- PayAsYouUse | Capacity | Development
    agreement_number       TEXT,              -- Capacity only
    node_count             BIGINT NOT NULL,
    cores                  BIGINT NOT NULL,
    status                 TEXT NOT NULL,     -- registered | activated | expired | removed
    -- A disconnected registration: the hash of the token it was made with (a token is used
    -- once) and of the activation key issued for it.
    token_hash             TEXT UNIQUE,
    activation_key_hash    TEXT,
    version                BIGINT NOT NULL,   -- the etag
    registered_at          TEXT NOT NULL,
    registered_by          TEXT NOT NULL,
    activated_at           TEXT,
    last_reported_at       TEXT,
    removed_at             TEXT
);
CREATE INDEX azure_stack_registrations_customer ON azure_stack_registrations (customer_id);
-- One live registration per name in a resource group, and per deployment.
CREATE UNIQUE INDEX azure_stack_registrations_live_name
    ON azure_stack_registrations (azure_subscription_id, resource_group, name) WHERE status <> 'removed';
CREATE UNIQUE INDEX azure_stack_registrations_live_cloud
    ON azure_stack_registrations (cloud_id) WHERE status <> 'removed';

-- What happened to a registration, for its page: registered, changed, activated, removed.
CREATE TABLE azure_stack_registration_events (
    id                TEXT PRIMARY KEY,
    registration_id   TEXT NOT NULL REFERENCES azure_stack_registrations (id),
    at                TEXT NOT NULL,
    actor             TEXT NOT NULL,
    change            TEXT NOT NULL,
    billing_model     TEXT NOT NULL,
    agreement_number  TEXT,
    node_count        BIGINT NOT NULL,
    cores             BIGINT NOT NULL
);
CREATE INDEX azure_stack_registration_events_registration
    ON azure_stack_registration_events (registration_id, at);

-- Pay-as-you-use usage an Azure Stack Hub deployment reports names its registration.
ALTER TABLE usage_records ADD COLUMN azure_stack_registration_id TEXT REFERENCES azure_stack_registrations (id);
