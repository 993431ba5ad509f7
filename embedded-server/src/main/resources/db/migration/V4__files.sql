-- Files and images in chat (issue 13). Portable SQL as in V1.

-- One row per stored content: the file lives in the data folder under files/<first two hex>/<sha256>.
-- Counted against the room's quota once, however many messages carry it.
CREATE TABLE stored_files (
    sha256      VARCHAR(64)  NOT NULL PRIMARY KEY,
    size_bytes  BIGINT       NOT NULL,
    -- bytes of the thumbnail beside it (<sha256>.thumb), 0 when there is none
    thumb_bytes BIGINT       NOT NULL,
    media_type  VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The attachment of a message, kept on the message row so history, catch-up and edits carry it
-- without a join; deleting the message clears these columns, and a stored file no message refers to
-- is removed.
ALTER TABLE messages ADD COLUMN file_sha256 VARCHAR(64);
ALTER TABLE messages ADD COLUMN file_name VARCHAR(255);
ALTER TABLE messages ADD COLUMN file_size BIGINT;
ALTER TABLE messages ADD COLUMN file_type VARCHAR(100);
ALTER TABLE messages ADD COLUMN file_width INTEGER;
ALTER TABLE messages ADD COLUMN file_height INTEGER;
ALTER TABLE messages ADD COLUMN file_thumb BOOLEAN;
CREATE INDEX messages_file_idx ON messages (file_sha256);
