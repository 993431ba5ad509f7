-- Sign-in at a million messages (issue 13). Portable SQL as in V1: runs on H2 (MODE=PostgreSQL) and PostgreSQL.

-- The direct conversations an account is in, found at sign-in by skipping from one partner to the next
-- (one index seek each) instead of reading every direct message the account ever sent or got.
CREATE INDEX messages_dm_low_pair_idx ON messages (dm_low, dm_high);
CREATE INDEX messages_dm_high_pair_idx ON messages (dm_high, dm_low);
