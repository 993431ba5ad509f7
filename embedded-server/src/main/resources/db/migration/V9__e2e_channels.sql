-- End-to-end encrypted channels (issue 14). Portable SQL as in V1: runs on H2 (MODE=PostgreSQL) and PostgreSQL.

-- Only public values: which key epoch the members are on and the salt they derive it with. NULL: a plain channel.
ALTER TABLE channels ADD COLUMN e2e_epoch INTEGER;
ALTER TABLE channels ADD COLUMN e2e_salt VARCHAR(32);
