-- The MS-RequestId that created an Azure subscription under a plan, so that a retried request
-- (an answer lost on the way back) returns the Azure subscription it created instead of a second
-- one. NULL for Azure subscriptions created with the plan's order.
ALTER TABLE azure_entitlements ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX azure_entitlements_request ON azure_entitlements (subscription_id, request_id);
