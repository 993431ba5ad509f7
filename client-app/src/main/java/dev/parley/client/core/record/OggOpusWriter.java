package dev.parley.client.core.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one mono Opus stream into an Ogg file (RFC 7845): the {@code OpusHead} page, the
 * {@code OpusTags} page, then audio pages of whole packets as given, never re-encoded. Each packet's
 * duration comes from its TOC byte, so the granule positions count real 48 kHz samples. Pages are
 * flushed about every second, so a crash loses at most that much. One thread at a time.
 */
public final class OggOpusWriter implements AutoCloseable {
    /** What encoders such as libopus and Concentus delay their output by at 48 kHz; the decoder drops it. */
    public static final int PRE_SKIP = 312;
    private static final int PACKETS_PER_PAGE = 50;
    private static final int MAX_SEGMENTS = 255;

    private final OutputStream out;
    private final int serial;
    private int pageSequence;
    private long granule;
    private final List<byte[]> pending = new ArrayList<>();
    private int pendingSegments;
    private long samplesWritten;
    private boolean closed;

    /** Writes the two header pages at once. {@code title} goes into the tags (may be null). */
    public OggOpusWriter(OutputStream out, int serial, String title) throws IOException {
        this.out = out;
        this.serial = serial;
        ByteBuffer head = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        head.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 1)
                .putShort((short) PRE_SKIP).putInt(48_000).putShort((short) 0).put((byte) 0);
        writePage(List.of(head.array()), 0, 0x02);
        ByteArrayOutputStream tags = new ByteArrayOutputStream();
        tags.write("OpusTags".getBytes(StandardCharsets.US_ASCII));
        writeString(tags, "Parley recorder");
        List<String> comments = title == null ? List.of() : List.of("TITLE=" + title);
        writeInt(tags, comments.size());
        for (String comment : comments) {
            writeString(tags, comment);
        }
        writePage(List.of(tags.toByteArray()), 0, 0);
    }

    /**
     * Appends one Opus packet as it is.
     *
     * @throws IllegalArgumentException when the packet's TOC byte cannot be read
     */
    public void write(byte[] packet) throws IOException {
        if (closed) {
            throw new IllegalStateException("writer closed");
        }
        int samples = OpusPackets.samples(packet);
        if (samples < 0) {
            throw new IllegalArgumentException("not an Opus packet (" + packet.length + " bytes)");
        }
        int segments = packet.length / 255 + 1;
        if (pendingSegments + segments > MAX_SEGMENTS) {
            flushPage(0);
        }
        pending.add(packet.clone());
        pendingSegments += segments;
        granule += samples;
        samplesWritten += samples;
        if (pending.size() >= PACKETS_PER_PAGE) {
            flushPage(0);
        }
    }

    /** Audio samples (48 kHz) written so far, not counting the pre-skip. */
    public long samplesWritten() {
        return samplesWritten;
    }

    /** Writes what is pending on a last page marked end-of-stream, and closes the output. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flushPage(0x04);
        } finally {
            out.close();
        }
    }

    private void flushPage(int flags) throws IOException {
        if (pending.isEmpty() && flags == 0) {
            return;
        }
        writePage(pending, granule, flags);
        pending.clear();
        pendingSegments = 0;
        out.flush();
    }

    private void writePage(List<byte[]> packets, long pageGranule, int flags) throws IOException {
        ByteArrayOutputStream lacing = new ByteArrayOutputStream();
        int bodyLength = 0;
        for (byte[] packet : packets) {
            for (int left = packet.length; ; left -= 255) {
                lacing.write(Math.min(left, 255));
                if (left < 255) {
                    break;
                }
            }
            bodyLength += packet.length;
        }
        byte[] segments = lacing.toByteArray();
        ByteBuffer page = ByteBuffer.allocate(27 + segments.length + bodyLength).order(ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags)
                .putLong(pageGranule).putInt(serial).putInt(pageSequence++).putInt(0)
                .put((byte) segments.length).put(segments);
        packets.forEach(page::put);
        byte[] bytes = page.array();
        ByteBuffer.wrap(bytes, 22, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(OggCrc.of(bytes, 0, bytes.length));
        out.write(bytes);
    }

    private static void writeString(ByteArrayOutputStream to, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeInt(to, bytes.length);
        to.writeBytes(bytes);
    }

    private static void writeInt(ByteArrayOutputStream to, int value) {
        to.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
    }
}
