-- The life of a subscription after its purchase: every change with who made it and the money it
-- moved, registrations, support contacts, and the per-customer request counter.

-- One row per change: who, when, what, old and new value, and the charge (+) or refund (−) it
-- caused, in ten-thousandths of `currency_code`. The purchase itself is the first row.
CREATE TABLE subscription_events (
    id               TEXT PRIMARY KEY,
    subscription_id  TEXT NOT NULL REFERENCES subscriptions (id),
    -- 1, 2, 3… per subscription: the order of changes made in the same instant.
    seq              BIGINT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    occurred_at      TEXT NOT NULL,
    actor_id         TEXT,             -- NULL when the system acted
    actor_name       TEXT NOT NULL,
    kind             TEXT NOT NULL,
    old_value        TEXT,
    new_value        TEXT,
    amount           BIGINT,
    currency_code    TEXT,
    UNIQUE (subscription_id, seq)
);
CREATE INDEX subscription_events_customer ON subscription_events (customer_id, occurred_at);

ALTER TABLE subscriptions ADD COLUMN suspension_reason TEXT;

CREATE TABLE subscription_registrations (
    subscription_id  TEXT PRIMARY KEY REFERENCES subscriptions (id),
    status           TEXT NOT NULL,   -- registering | registered
    requested_at     TEXT NOT NULL,
    registered_at    TEXT
);

CREATE TABLE support_contacts (
    subscription_id    TEXT PRIMARY KEY REFERENCES subscriptions (id),
    support_tenant_id  TEXT NOT NULL,
    support_mpn_id     TEXT NOT NULL,
    name               TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

-- Requests per customer per minute on the order, cart and subscription resources, shared by
-- every replica because it lives here.
CREATE TABLE rate_limit_windows (
    customer_id   TEXT NOT NULL,
    window_start  TEXT NOT NULL,
    requests      BIGINT NOT NULL,
    PRIMARY KEY (customer_id, window_start)
);

-- Upgrades of a legacy Microsoft Azure (MS-AZR-0145P) subscription to an Azure plan, carried out
-- by the background worker.
CREATE TABLE product_upgrades (
    id                      TEXT PRIMARY KEY,
    customer_id             TEXT NOT NULL REFERENCES customers (id),
    product_family          TEXT NOT NULL,
    status                  TEXT NOT NULL,   -- inProgress | succeeded | failed
    source_subscription_id  TEXT NOT NULL REFERENCES subscriptions (id),
    target_subscription_id  TEXT,
    requested_by            TEXT NOT NULL,
    requested_at            TEXT NOT NULL,
    completed_at            TEXT
);
CREATE INDEX product_upgrades_customer ON product_upgrades (customer_id);
CREATE INDEX product_upgrades_status ON product_upgrades (status);
