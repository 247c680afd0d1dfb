-- Microsoft Defender for IoT plans: Azure subscriptions onboarded with committed devices, what
-- each change charged, and the sensors attached to them.

-- One row per onboarding; offboarding closes it (offboarded_at) and a later onboarding of the
-- same Azure subscription is a new row. The price is the one in force on the onboarding day.
CREATE TABLE defender_plans (
    id                     TEXT PRIMARY KEY,
    customer_id            TEXT NOT NULL REFERENCES customers (id),
    azure_subscription_id  TEXT NOT NULL REFERENCES azure_entitlements (id),
    initial_devices        BIGINT NOT NULL,
    device_quota           BIGINT NOT NULL,   -- the latest commitment (a decrease applies next month)
    billing_cycle          TEXT NOT NULL,     -- monthly | annual
    is_trial               BIGINT NOT NULL,
    block_price            BIGINT NOT NULL,   -- per 1,000 devices per cycle, ten-thousandths
    currency_code          TEXT NOT NULL,
    onboarded_at           TEXT NOT NULL,
    offboarded_at          TEXT
);
CREATE INDEX defender_plans_customer ON defender_plans (customer_id);
-- At most one onboarded plan per Azure subscription, even when two requests race.
CREATE UNIQUE INDEX defender_plans_onboarded ON defender_plans (azure_subscription_id)
    WHERE offboarded_at IS NULL;

-- Every change with who made it and what it charged (ten-thousandths of the plan's currency).
CREATE TABLE defender_plan_events (
    id             TEXT PRIMARY KEY,
    plan_id        TEXT NOT NULL REFERENCES defender_plans (id),
    -- 1, 2, 3… per plan: the order of changes made in the same instant.
    seq            BIGINT NOT NULL,
    occurred_at    TEXT NOT NULL,
    actor_id       TEXT,
    actor_name     TEXT NOT NULL,
    kind           TEXT NOT NULL,   -- onboarded | devices_changed | offboarded
    old_devices    BIGINT,
    new_devices    BIGINT,
    amount         BIGINT NOT NULL,
    UNIQUE (plan_id, seq)
);

CREATE TABLE defender_sensors (
    azure_subscription_id  TEXT NOT NULL REFERENCES azure_entitlements (id),
    name                   TEXT NOT NULL,
    -- Azure resource names are case-insensitive: 'Plant-1' and 'plant-1' are one sensor.
    name_key               TEXT NOT NULL,
    customer_id            TEXT NOT NULL REFERENCES customers (id),
    created_at             TEXT NOT NULL,
    PRIMARY KEY (azure_subscription_id, name_key)
);
