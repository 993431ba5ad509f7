-- Shared-key end-to-end encrypted channels (issue 14). Portable SQL as in V1: runs on H2 (MODE=PostgreSQL) and PostgreSQL.

-- How members come by the key ('passphrase' or 'shared'; NULL on a plain channel or one from before V10,
-- which is 'passphrase'), and with 'shared' the account ids given the current epoch's key, comma-separated.
ALTER TABLE channels ADD COLUMN e2e_mode VARCHAR(16);
ALTER TABLE channels ADD COLUMN e2e_members VARCHAR(4000);

-- The public half of each account's X25519 identity key (Base64 of 32 bytes). The private half never
-- reaches the server.
CREATE TABLE identity_keys (
    account_id BIGINT                   NOT NULL PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    public_key VARCHAR(64)              NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One member's copy of one epoch's channel key, sealed to that member's identity key: the server
-- cannot open it and hands it only to its owner.
CREATE TABLE channel_key_shares (
    channel_id    BIGINT      NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    epoch         INTEGER     NOT NULL,
    account_id    BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    sender_id     BIGINT      NOT NULL,
    sender_key    VARCHAR(64) NOT NULL,
    recipient_key VARCHAR(64) NOT NULL,
    wrapped       VARCHAR(96) NOT NULL,
    PRIMARY KEY (channel_id, account_id, epoch)
);
