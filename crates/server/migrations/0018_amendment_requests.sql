-- A correction note remembers the request that issued it (MS-RequestId): the same request sent
-- again after a lost answer finds the note instead of issuing a second one.
ALTER TABLE invoices ADD COLUMN request_id TEXT;
CREATE UNIQUE INDEX invoices_amendment_request ON invoices (amends_id, request_id)
    WHERE request_id IS NOT NULL;
