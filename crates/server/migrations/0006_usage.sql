-- Azure usage: the API keys meters send it with, the rated records, and spending budgets.

-- Keys are shown once; only their SHA-256 is kept. A key scoped to a customer may send usage for
-- that customer only; otherwise for every customer of the partner.
CREATE TABLE api_keys (
    id           TEXT PRIMARY KEY,
    partner_id   TEXT NOT NULL REFERENCES partners (id),
    customer_id  TEXT REFERENCES customers (id),
    name         TEXT NOT NULL,
    prefix       TEXT NOT NULL,
    key_hash     TEXT NOT NULL UNIQUE,
    created_by   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);
CREATE INDEX api_keys_partner ON api_keys (partner_id);

-- One row per record a sender sent, keyed by the sender's own id within the partner, so a record
-- sent again is recognised and skipped. Quantities, prices and costs are ten-thousandths.
CREATE TABLE usage_records (
    partner_id             TEXT NOT NULL REFERENCES partners (id),
    id                     TEXT NOT NULL,
    customer_id            TEXT NOT NULL REFERENCES customers (id),
    plan_id                TEXT NOT NULL REFERENCES subscriptions (id),
    entitlement_id         TEXT,
    meter_id               TEXT NOT NULL,
    meter_name             TEXT NOT NULL,
    meter_category         TEXT NOT NULL,
    unit                   TEXT NOT NULL,
    resource_uri           TEXT NOT NULL,
    resource_group         TEXT NOT NULL,
    resource_location      TEXT NOT NULL,
    quantity               BIGINT NOT NULL,
    usage_date             TEXT NOT NULL,
    unit_price             BIGINT NOT NULL,
    cost                   BIGINT NOT NULL,
    currency_code          TEXT NOT NULL,
    received_at            TEXT NOT NULL,
    PRIMARY KEY (partner_id, id)
);
-- Reads go through the aggregates below; records are read by their key (duplicates) and by
-- customer and day (exports).
CREATE INDEX usage_records_customer_day ON usage_records (customer_id, usage_date);

-- A customer's monthly spending budget (Partner Center SpendingBudget); no row means none.
CREATE TABLE usage_budgets (
    customer_id  TEXT PRIMARY KEY REFERENCES customers (id),
    amount       BIGINT,
    updated_at   TEXT NOT NULL
);

-- Usage added up per Azure plan, day and meter, written with the records in the same
-- transaction: summaries, charts and meter breakdowns read these few rows per day instead of
-- every record.
CREATE TABLE usage_daily (
    plan_id           TEXT NOT NULL REFERENCES subscriptions (id),
    usage_date        TEXT NOT NULL,
    meter_id          TEXT NOT NULL,
    customer_id       TEXT NOT NULL REFERENCES customers (id),
    partner_id        TEXT NOT NULL REFERENCES partners (id),
    meter_name        TEXT NOT NULL,
    meter_category    TEXT NOT NULL,
    unit              TEXT NOT NULL,
    quantity          BIGINT NOT NULL,
    cost              BIGINT NOT NULL,
    last_received_at  TEXT NOT NULL,
    PRIMARY KEY (plan_id, usage_date, meter_id)
);
CREATE INDEX usage_daily_customer ON usage_daily (customer_id, usage_date);
CREATE INDEX usage_daily_partner ON usage_daily (partner_id, usage_date);

-- Usage per resource and calendar month (`YYYY-MM`), for the resource breakdown.
CREATE TABLE usage_resource_monthly (
    plan_id           TEXT NOT NULL REFERENCES subscriptions (id),
    month             TEXT NOT NULL,
    resource_uri      TEXT NOT NULL,
    entitlement_id    TEXT,
    resource_group    TEXT NOT NULL,
    cost              BIGINT NOT NULL,
    last_received_at  TEXT NOT NULL,
    PRIMARY KEY (plan_id, month, resource_uri)
);
CREATE INDEX usage_resource_monthly_cost ON usage_resource_monthly (plan_id, month, cost);

-- A customer's month's usage passing 80% and 100% of its budget: each threshold is raised once
-- per customer and month, when ingestion or a budget change first finds it passed.
CREATE TABLE usage_alerts (
    customer_id  TEXT NOT NULL REFERENCES customers (id),
    period       TEXT NOT NULL,   -- YYYY-MM
    threshold    BIGINT NOT NULL, -- percent of the budget
    raised_at    TEXT NOT NULL,
    PRIMARY KEY (customer_id, period, threshold)
);
