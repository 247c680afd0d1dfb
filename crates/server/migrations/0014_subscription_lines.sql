-- A subscription's billing lines across its customer's invoices (issue 15): the subscription
-- page lists them, and a user who reaches only that subscription sees its charges there.
CREATE INDEX invoice_line_items_subscription ON invoice_line_items (subscription_id);
