-- POST /v1/customers sent again with the same MS-RequestId (a retry after a lost answer) answers
-- with the customer the first request created, rather than a second customer or a conflict.
ALTER TABLE partner_customer_relationships ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX partner_customer_relationships_request
    ON partner_customer_relationships (partner_id, request_id);
