-- Registration by approval (issue 11): an account created in a room started with --registration approval
-- is PENDING until an admin approves it; pending accounts cannot sign in and are not shown as members.
ALTER TABLE accounts ADD COLUMN account_status VARCHAR(16) DEFAULT 'ACTIVE' NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_status_ck CHECK (account_status IN ('ACTIVE', 'PENDING'));
