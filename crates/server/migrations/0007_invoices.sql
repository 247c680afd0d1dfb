-- Invoices: what closing a billing period bills each customer, corrections, payments.
--
-- An issued document never changes except for `paid_amount`, which payments add to. Closing
-- writes a customer's invoice, its lines, its number and the marks on its usage records in one
-- transaction, so a crash leaves either nothing or all of it.

-- The last number given in each year: numbers are taken in the transaction that writes the
-- document, so a rollback gives the number back and the sequence has no gaps.
CREATE TABLE invoice_numbers (
    year         BIGINT PRIMARY KEY,
    last_number  BIGINT NOT NULL
);

CREATE TABLE invoices (
    id                 TEXT PRIMARY KEY,   -- the number, INV-2026-000042
    partner_id         TEXT NOT NULL REFERENCES partners (id),
    customer_id        TEXT NOT NULL REFERENCES customers (id),
    document_type      TEXT NOT NULL,      -- invoice | adjustment_note | void_note
    amends_id          TEXT REFERENCES invoices (id),
    reason             TEXT,               -- why a note corrects its invoice
    currency_code      TEXT NOT NULL,
    period_start       TEXT NOT NULL,      -- YYYY-MM-DD, the billing period
    period_end         TEXT NOT NULL,
    invoice_date       TEXT NOT NULL,      -- timestamp of issue
    subtotal           BIGINT NOT NULL,    -- ten-thousandths, each a sum of the lines
    tax                BIGINT NOT NULL,
    total              BIGINT NOT NULL,
    paid_amount        BIGINT NOT NULL,
    last_payment_at    TEXT,
    line_count         BIGINT NOT NULL,
    usage_line_count   BIGINT NOT NULL,
    -- As the customer was when the document was issued: the statement is printed from these.
    customer_name      TEXT NOT NULL,
    customer_country   TEXT NOT NULL,
    customer_culture   TEXT NOT NULL,
    tax_rate_bp        BIGINT NOT NULL,
    created_by         TEXT NOT NULL
);
-- Closing is idempotent: one invoice per customer, currency and period, whoever closes it.
CREATE UNIQUE INDEX invoices_one_per_period ON invoices (customer_id, currency_code, period_start)
    WHERE document_type = 'invoice';
-- At most one void note per invoice.
CREATE UNIQUE INDEX invoices_one_void ON invoices (amends_id) WHERE document_type = 'void_note';
CREATE INDEX invoices_customer ON invoices (customer_id, invoice_date);
CREATE INDEX invoices_partner ON invoices (partner_id, invoice_date);

-- Billing lines: licences, Defender plans, usage per plan and meter, credits.
CREATE TABLE invoice_line_items (
    invoice_id       TEXT NOT NULL REFERENCES invoices (id),
    line_number      BIGINT NOT NULL,
    kind             TEXT NOT NULL,      -- licence | usage | credit
    charge_type      TEXT NOT NULL,      -- new | cycleCharge | addQuantity | removeQuantity | cancelImmediate | usage | adjustment | void
    subscription_id  TEXT,               -- the portal subscription the line bills, if any
    product_name     TEXT NOT NULL,
    description      TEXT NOT NULL,
    quantity         BIGINT NOT NULL,    -- ten-thousandths of a unit (usage quantities have decimals)
    unit_type        TEXT NOT NULL,
    unit_price       BIGINT,             -- ten-thousandths; NULL where a line has no single price
    charge_start     TEXT NOT NULL,
    charge_end       TEXT NOT NULL,
    subtotal         BIGINT NOT NULL,
    tax              BIGINT NOT NULL,
    total            BIGINT NOT NULL,
    PRIMARY KEY (invoice_id, line_number)
);

-- Usage records billed by an invoice: its daily rated usage lines. Late records for a closed
-- month stay unmarked and are billed by the next invoice.
ALTER TABLE usage_records ADD COLUMN invoice_id TEXT REFERENCES invoices (id);
CREATE INDEX usage_records_invoice ON usage_records (invoice_id, usage_date, id);
CREATE INDEX usage_records_unbilled ON usage_records (customer_id, invoice_id, usage_date);

CREATE TABLE invoice_payments (
    id           TEXT PRIMARY KEY,
    invoice_id   TEXT NOT NULL REFERENCES invoices (id),
    amount       BIGINT NOT NULL,
    paid_on      TEXT NOT NULL,      -- YYYY-MM-DD
    reference    TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    -- The MS-RequestId of the call that recorded it: a retried call records nothing twice.
    request_id   TEXT NOT NULL UNIQUE
);
CREATE INDEX invoice_payments_invoice ON invoice_payments (invoice_id);

-- Periods every customer has been invoiced for; the closer skips them.
CREATE TABLE closed_periods (
    period_start  TEXT PRIMARY KEY,
    closed_at     TEXT NOT NULL
);
