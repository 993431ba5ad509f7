package dev.parley.server.files;

import dev.parley.server.chat.ConversationKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One upload under way: who sends what where, and how many bytes have arrived. The content hash is
 * computed as the chunks arrive, so finishing a large file costs no second read. Chunks are appended
 * under this object's lock (they may be written on any slow-work thread; the offset check and the
 * write are one step), so a client that pipelines or repeats chunks cannot interleave them.
 */
public final class Upload {
    /** What the sender asked for when the upload started. */
    public record Plan(long ownerId, String ownerName, ConversationKey conversation, String name, long size,
                       String text, String nonce) {
    }

    /** A chunk that does not start where the upload stands. */
    public static final class WrongOffset extends Exception {
        private final long expected;

        WrongOffset(long expected) {
            super("expected offset " + expected);
            this.expected = expected;
        }

        public long expected() {
            return expected;
        }
    }

    private final String id;
    private final Plan plan;
    private final Path partial;
    private final MessageDigest digest;
    private long offset;
    private long lastActivityMillis;
    private boolean closed;

    Upload(String id, Plan plan, Path partial, long nowMillis) {
        this.id = id;
        this.plan = plan;
        this.partial = partial;
        this.lastActivityMillis = nowMillis;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public String id() {
        return id;
    }

    public Plan plan() {
        return plan;
    }

    public Path partial() {
        return partial;
    }

    public synchronized long offset() {
        return offset;
    }

    public synchronized boolean complete() {
        return offset == plan.size();
    }

    synchronized long lastActivityMillis() {
        return lastActivityMillis;
    }

    /**
     * Appends {@code bytes} at {@code at}, which must be where the upload stands.
     *
     * @return the new offset
     * @throws WrongOffset when {@code at} is not the current offset (a repeated or skipped chunk)
     * @throws IllegalArgumentException when the bytes would run past the announced size
     */
    public synchronized long append(long at, byte[] bytes, long nowMillis) throws WrongOffset, IOException {
        if (closed || at != offset) {
            throw new WrongOffset(offset);
        }
        if (offset + bytes.length > plan.size()) {
            throw new IllegalArgumentException("the chunk runs past the " + plan.size() + " bytes announced");
        }
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Write at the offset, not at the end: a chunk cut short by a crash is overwritten on resume.
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long position = offset;
            while (buffer.hasRemaining()) {
                position += out.write(buffer, position);
            }
            out.truncate(position);
        }
        digest.update(bytes);
        offset += bytes.length;
        lastActivityMillis = nowMillis;
        return offset;
    }

    /** Ends the upload for good: no chunk is accepted after this. The hash of what arrived. */
    public synchronized String seal() {
        closed = true;
        return HexFormat.of().formatHex(digest.digest());
    }

    public synchronized boolean sealed() {
        return closed;
    }
}
