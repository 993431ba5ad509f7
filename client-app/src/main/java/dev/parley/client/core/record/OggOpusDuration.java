package dev.parley.client.core.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How long an Ogg Opus file plays, from its first page (the pre-skip) and its last page (the last granule)
 * alone: listing a folder of hour-long recordings must not read them whole. Stateless.
 */
public final class OggOpusDuration {
    /** The largest Ogg page: header, 255 lacing values, 255 segments of 255 bytes. */
    private static final int MAX_PAGE = 27 + 255 + 255 * 255;
    private static final byte[] CAPTURE = "OggS".getBytes(StandardCharsets.US_ASCII);

    private OggOpusDuration() {
    }

    /**
     * Playable 48 kHz samples (RFC 7845: last granule minus pre-skip).
     *
     * @throws IOException when the file is not Ogg Opus or ends in the middle of a page (still being written)
     */
    public static long samples(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer head = read(channel, 0, (int) Math.min(size, 64));
            // First page: a 27-byte header, one lacing value, then the OpusHead packet.
            if (head.limit() < 47 || !startsWith(head, 0, CAPTURE) || !startsWith(head, 28,
                    "OpusHead".getBytes(StandardCharsets.US_ASCII))) {
                throw new IOException("not an Ogg Opus file: " + file.getFileName());
            }
            int preSkip = head.getShort(38) & 0xFFFF;
            int tailLength = (int) Math.min(size, MAX_PAGE);
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            // The last page is the last capture pattern whose page ends exactly at the end of the file.
            for (int at = tailLength - 27; at >= 0; at--) {
                if (startsWith(tail, at, CAPTURE) && pageEnd(tail, at) == tailLength) {
                    return Math.max(0, tail.getLong(at + 6) - preSkip);
                }
            }
            throw new IOException("no complete last page in " + file.getFileName());
        }
    }

    private static long pageEnd(ByteBuffer buffer, int at) {
        int segments = buffer.get(at + 26) & 0xFF;
        if (at + 27 + segments > buffer.limit()) {
            return -1;
        }
        long end = at + 27L + segments;
        for (int i = 0; i < segments; i++) {
            end += buffer.get(at + 27 + i) & 0xFF;
        }
        return end;
    }

    private static boolean startsWith(ByteBuffer buffer, int at, byte[] prefix) {
        if (at + prefix.length > buffer.limit()) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer read(FileChannel channel, long from, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, from + buffer.position()) >= 0) {
            // read until full or end of file
        }
        return buffer.flip();
    }
}
