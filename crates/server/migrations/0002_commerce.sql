-- Carts, orders, subscriptions and the Azure subscriptions under Azure plans.
-- Money is BIGINT ten-thousandths of the currency unit (see portal_domain::money), with the ISO
-- currency beside it. Dates without a time are TEXT `YYYY-MM-DD` (UTC days).

CREATE TABLE carts (
    id                   TEXT PRIMARY KEY,
    customer_id          TEXT NOT NULL REFERENCES customers (id),
    created_by           TEXT NOT NULL REFERENCES users (id),
    status               TEXT NOT NULL,   -- Active | Ordered
    -- The lines as last validated (JSON array of CartLineItem): a cart is always read and
    -- written whole.
    line_items           TEXT NOT NULL,
    created_at           TEXT NOT NULL,
    last_modified_at     TEXT NOT NULL,
    last_modified_by     TEXT NOT NULL,
    expires_at           TEXT NOT NULL,
    -- Checkout: the MS-RequestId that claimed the cart, when, and (once ordered) its result,
    -- so a retry with the same id gets the same answer.
    checkout_request_id  TEXT,
    checkout_started_at  TEXT,
    checkout_result      TEXT
);
CREATE INDEX carts_customer_user ON carts (customer_id, created_by, status);

CREATE TABLE orders (
    id               TEXT PRIMARY KEY,
    alternate_id     TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    cart_id          TEXT REFERENCES carts (id),
    order_group      TEXT NOT NULL,
    billing_cycle    TEXT NOT NULL,
    currency_code    TEXT NOT NULL,
    status           TEXT NOT NULL,   -- pending | completed | cancelled
    created_by       TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    completed_at     TEXT,
    -- One order per group of a cart, whatever races happen.
    UNIQUE (cart_id, order_group)
);
CREATE INDEX orders_customer ON orders (customer_id, created_at);
CREATE INDEX orders_status ON orders (status);

CREATE TABLE order_line_items (
    order_id             TEXT NOT NULL REFERENCES orders (id),
    line_item_number     BIGINT NOT NULL,
    offer_id             TEXT NOT NULL,
    subscription_id      TEXT NOT NULL,
    friendly_name        TEXT NOT NULL,
    quantity             BIGINT NOT NULL,
    term_duration        TEXT,
    unit_price           BIGINT,          -- NULL for usage-based items
    extended_price       BIGINT NOT NULL,
    prorated_price       BIGINT NOT NULL, -- charged on the order day
    provisioning_status  TEXT NOT NULL,   -- Fulfilled | Unfulfilled | PrefulfillmentPending
    PRIMARY KEY (order_id, line_item_number)
);

CREATE TABLE subscriptions (
    id                          TEXT PRIMARY KEY,
    customer_id                 TEXT NOT NULL REFERENCES customers (id),
    order_id                    TEXT NOT NULL REFERENCES orders (id),
    offer_id                    TEXT NOT NULL,   -- catalog item id
    product_id                  TEXT NOT NULL,
    sku_id                      TEXT NOT NULL,
    offer_name                  TEXT NOT NULL,
    friendly_name               TEXT NOT NULL,
    quantity                    BIGINT NOT NULL,
    unit_type                   TEXT NOT NULL,
    billing_type                TEXT NOT NULL,   -- license | usage
    billing_cycle               TEXT NOT NULL,
    term_duration               TEXT,
    status                      TEXT NOT NULL,   -- pending | active | suspended | deleted
    auto_renew_enabled          BIGINT NOT NULL,
    is_trial                    BIGINT NOT NULL,
    unit_price                  BIGINT,
    currency_code               TEXT NOT NULL,
    created_at                  TEXT NOT NULL,
    effective_start_date        TEXT NOT NULL,
    commitment_end_date         TEXT NOT NULL,
    version                     BIGINT NOT NULL  -- etag
);
CREATE INDEX subscriptions_customer ON subscriptions (customer_id);
CREATE INDEX subscriptions_order ON subscriptions (order_id);
-- A customer has at most one live Azure plan.
CREATE UNIQUE INDEX subscriptions_one_azure_plan ON subscriptions (customer_id)
    WHERE product_id = 'DZH318Z0BPS6' AND status <> 'deleted';

CREATE TABLE azure_entitlements (
    id               TEXT PRIMARY KEY,   -- the Azure subscription id
    subscription_id  TEXT NOT NULL REFERENCES subscriptions (id),
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    friendly_name    TEXT NOT NULL,
    status           TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX azure_entitlements_subscription ON azure_entitlements (subscription_id);
