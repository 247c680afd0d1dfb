-- What a partner enters when it creates a customer (POST /v1/customers): the billing contact and
-- address. Customers made before this migration (the demo's) have none, so the columns allow
-- NULL; the API requires them for every new customer.
ALTER TABLE customers ADD COLUMN contact_email TEXT;
ALTER TABLE customers ADD COLUMN language TEXT;
ALTER TABLE customers ADD COLUMN address_line1 TEXT;
ALTER TABLE customers ADD COLUMN city TEXT;
ALTER TABLE customers ADD COLUMN postal_code TEXT;
ALTER TABLE customers ADD COLUMN contact_first_name TEXT;
ALTER TABLE customers ADD COLUMN contact_last_name TEXT;
ALTER TABLE customers ADD COLUMN phone_number TEXT;
