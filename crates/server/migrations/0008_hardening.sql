-- Hardening (issue 13): each customer's monthly close on its own, one product upgrade in
-- progress per customer and family, background jobs that fail on their own.

-- A customer whose invoice could not be issued when its period was closed. The others are
-- invoiced all the same; the period stays open (and this customer is retried) until it passes.
CREATE TABLE close_failures (
    period_start     TEXT NOT NULL,
    customer_id      TEXT NOT NULL REFERENCES customers (id),
    partner_id       TEXT NOT NULL REFERENCES partners (id),
    reason           TEXT NOT NULL,
    attempts         BIGINT NOT NULL,
    first_failed_at  TEXT NOT NULL,
    last_failed_at   TEXT NOT NULL,
    PRIMARY KEY (period_start, customer_id)
);
CREATE INDEX close_failures_partner ON close_failures (partner_id);

-- Product upgrades are retried with a growing wait, then marked failed with the reason.
ALTER TABLE product_upgrades ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0;
ALTER TABLE product_upgrades ADD COLUMN next_attempt_at TEXT;
ALTER TABLE product_upgrades ADD COLUMN failure_reason TEXT;
-- Upgrades that raced each other before this index existed: the first one requested stays.
UPDATE product_upgrades SET status = 'failed',
       failure_reason = 'Another upgrade of this customer was requested at the same time.'
 WHERE status = 'inProgress'
   AND EXISTS (SELECT 1 FROM product_upgrades first
                WHERE first.customer_id = product_upgrades.customer_id
                  AND first.product_family = product_upgrades.product_family
                  AND first.status = 'inProgress'
                  AND (first.requested_at < product_upgrades.requested_at
                       OR (first.requested_at = product_upgrades.requested_at AND first.id < product_upgrades.id)));
CREATE UNIQUE INDEX product_upgrades_one_in_progress ON product_upgrades (customer_id, product_family)
    WHERE status = 'inProgress';

-- A payment's MS-RequestId is unique per invoice, not across all invoices: one invoice's
-- request id must never replay another invoice's payment. (Rebuilt: SQLite cannot drop the
-- column's UNIQUE constraint in place.)
CREATE TABLE invoice_payments_by_invoice (
    id           TEXT PRIMARY KEY,
    invoice_id   TEXT NOT NULL REFERENCES invoices (id),
    amount       BIGINT NOT NULL,
    paid_on      TEXT NOT NULL,
    reference    TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    UNIQUE (invoice_id, request_id)
);
INSERT INTO invoice_payments_by_invoice (id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at, request_id)
    SELECT id, invoice_id, amount, paid_on, reference, recorded_by, recorded_at, request_id FROM invoice_payments;
DROP TABLE invoice_payments;
ALTER TABLE invoice_payments_by_invoice RENAME TO invoice_payments;
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id);

-- One reseller per customer for now: orders, subscriptions, usage and invoices carry no partner
-- of their own, so a second reseller would see and bill the first one's. Linking a customer to a
-- second partner fails here, whatever code path tries it.
CREATE UNIQUE INDEX partner_customer_relationships_one_reseller
    ON partner_customer_relationships (customer_id) WHERE status <> 'terminated';
