-- The region of a registration's resource group (Set-AzsRegistration -ResourceGroupLocation,
-- whose default this is).
ALTER TABLE azure_stack_registrations ADD COLUMN resource_group_location TEXT NOT NULL DEFAULT 'westcentralus';
