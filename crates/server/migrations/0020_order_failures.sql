-- An order the worker could not provision says why (a `ProvisioningFailure` spelling): its
-- status is then `failed`, its subscriptions ended and their purchase charge refunded.
ALTER TABLE orders ADD COLUMN failure_reason TEXT;
