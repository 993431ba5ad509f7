-- Per-conversation notification settings (issue 13). Portable SQL as in V1: runs on H2 (MODE=PostgreSQL)
-- and PostgreSQL. Kept per account in the room, so they follow the user to another machine.

-- kind 'room' (target_id 0): the account's default for channels; 'channel': target_id is a channel id;
-- 'direct': target_id is the peer's account id. No foreign key on target_id: a deleted channel or
-- account leaves a row nobody lists (the room skips conversations the account cannot read).
-- level NULL follows the default; muted_until NULL means not muted. A row with both NULL is deleted.
CREATE TABLE notification_settings (
    account_id  BIGINT      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    kind        VARCHAR(8)  NOT NULL,
    target_id   BIGINT      NOT NULL,
    level       VARCHAR(16),
    muted_until TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (account_id, kind, target_id),
    CONSTRAINT notification_settings_kind_ck CHECK (kind IN ('room', 'channel', 'direct')),
    CONSTRAINT notification_settings_level_ck CHECK (level IS NULL OR level IN ('all', 'mentions', 'nothing'))
);
