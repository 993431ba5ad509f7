package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.FileInfo;
import java.util.regex.Pattern;

/**
 * Files and images in chat. An upload travels over the control connection as numbered chunks (each a
 * request with its reply, so the sender never outruns the room), survives a reconnect by its
 * {@code uploadId} and offset, and ends as a chat message carrying the file. Downloads name the
 * message: whoever may read the message may read its file, nobody else.
 */
public final class Files {
    private static final Pattern UPLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private Files() {
    }

    /**
     * Starts an upload of {@code size} bytes into a channel or a DM. {@code text} is an optional
     * caption; {@code nonce} makes the finished message idempotent like {@code chat.send}'s.
     */
    public record UploadStart(Long channelId, Long userId, String name, Long size, String text, String nonce)
            implements Request {
        public UploadStart {
            Check.oneConversation(channelId, userId);
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            Check.line(name, "name", 1, FileInfo.MAX_NAME);
            Check.required(size, "size");
            if (size < 0) {
                throw Check.invalid("size", "must not be negative");
            }
            Check.optionalText(text, "text", Limits.MAX_MESSAGE_TEXT);
            Check.line(nonce, "nonce", 1, Limits.MAX_NONCE);
        }
    }

    /** Where the upload stands: send the bytes from {@code offset} on, at most {@code chunkBytes} a chunk. */
    public record UploadReady(String uploadId, long offset, long size, int chunkBytes) implements Reply {
    }

    /** Asks where an upload stands, after a reconnect. */
    public record UploadResume(String uploadId) implements Request {
        public UploadResume {
            checkUploadId(uploadId);
        }
    }

    /** The bytes from {@code offset}, base64; {@code offset} must be where the upload stands. */
    public record UploadChunk(String uploadId, Long offset, String data) implements Request {
        public UploadChunk {
            checkUploadId(uploadId);
            Check.required(offset, "offset");
            if (offset < 0) {
                throw Check.invalid("offset", "must not be negative");
            }
            Check.required(data, "data");
            if (data.isEmpty() || data.length() > Limits.MAX_FILE_CHUNK_BASE64) {
                throw Check.invalid("data", "must be 1.." + Limits.MAX_FILE_CHUNK_BASE64 + " base64 characters");
            }
        }
    }

    /** The chunk was stored; the upload now stands at {@code offset}. */
    public record UploadProgress(String uploadId, long offset) implements Reply {
    }

    /** All bytes are there: store the file and post the message. The reply is {@code chat.sent}. */
    public record UploadFinish(String uploadId) implements Request {
        public UploadFinish {
            checkUploadId(uploadId);
        }
    }

    /** Drops an upload and the bytes received so far. */
    public record UploadCancel(String uploadId) implements Request {
        public UploadCancel {
            checkUploadId(uploadId);
        }
    }

    /** Reads the file of a message (or its thumbnail) from {@code offset}, one chunk a request. */
    public record Download(Long messageId, Long offset, Boolean thumbnail) implements Request {
        public Download {
            Check.positive(messageId, "messageId");
            offset = offset == null ? 0L : offset;
            if (offset < 0) {
                throw Check.invalid("offset", "must not be negative");
            }
            thumbnail = thumbnail != null && thumbnail;
        }
    }

    /** Bytes {@code offset}.. of a file of {@code size} bytes, base64; {@code last} when the file ends here. */
    public record Chunk(long messageId, boolean thumbnail, long offset, long size, String data, boolean last)
            implements Reply {
        public Chunk {
            Check.required(data, "data");
        }
    }

    private static void checkUploadId(String value) {
        Check.required(value, "uploadId");
        if (!UPLOAD_ID.matcher(value).matches()) {
            throw Check.invalid("uploadId", "must be 8..64 letters, digits, '-' or '_'");
        }
    }
}
