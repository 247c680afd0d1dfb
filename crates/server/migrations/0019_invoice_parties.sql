-- What the law asks an invoice to name: both parties' addresses and VAT numbers, and the
-- issuer's legal form, capital and registration. Partners and customers carry them in their
-- billing profiles; an invoice copies them when it is issued, so printing it again later prints
-- what was sent. Invoices issued before this have none of them.
ALTER TABLE partners ADD COLUMN address_line1 TEXT;
ALTER TABLE partners ADD COLUMN postal_code TEXT;
ALTER TABLE partners ADD COLUMN city TEXT;
ALTER TABLE partners ADD COLUMN country TEXT;
ALTER TABLE partners ADD COLUMN vat_number TEXT;
ALTER TABLE partners ADD COLUMN registration TEXT;
ALTER TABLE customers ADD COLUMN vat_number TEXT;
ALTER TABLE invoices ADD COLUMN issuer_name TEXT;
ALTER TABLE invoices ADD COLUMN issuer_address TEXT;
ALTER TABLE invoices ADD COLUMN issuer_country TEXT;
ALTER TABLE invoices ADD COLUMN issuer_vat_number TEXT;
ALTER TABLE invoices ADD COLUMN issuer_registration TEXT;
ALTER TABLE invoices ADD COLUMN customer_address TEXT;
ALTER TABLE invoices ADD COLUMN customer_vat_number TEXT;
