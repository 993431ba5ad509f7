package dev.parley.client.core.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a single-stream Ogg Opus file back: checks every page's capture pattern and CRC, rebuilds the
 * packets (also across pages) and checks the headers. For verifying recordings and for playback.
 * Stateless.
 */
public final class OggOpusReader {
    private OggOpusReader() {
    }

    /** One page's granule position and the packets that end on it. */
    public record Page(long granule, int flags, List<byte[]> packets) {
    }

    /** The stream: its header fields, its audio pages and the granule of the last page. */
    public record Stream(int channels, int preSkip, List<String> comments, List<Page> audioPages) {
        public List<byte[]> packets() {
            return audioPages.stream().flatMap(page -> page.packets().stream()).toList();
        }

        public long lastGranule() {
            return audioPages.isEmpty() ? 0 : audioPages.get(audioPages.size() - 1).granule();
        }

        /** Playable samples at 48 kHz (RFC 7845: last granule minus pre-skip). */
        public long durationSamples() {
            return Math.max(0, lastGranule() - preSkip);
        }
    }

    public static Stream read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /** @throws IOException naming the first thing wrong in the file */
    public static Stream read(byte[] file) throws IOException {
        List<Page> pages = new ArrayList<>();
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        int at = 0;
        int expectedSequence = 0;
        while (at < file.length) {
            if (file.length - at < 27 || !new String(file, at, 4, StandardCharsets.US_ASCII).equals("OggS")) {
                throw new IOException("no Ogg page at byte " + at);
            }
            ByteBuffer header = ByteBuffer.wrap(file, at, 27).order(ByteOrder.LITTLE_ENDIAN);
            int flags = file[at + 5] & 0xFF;
            long granule = header.getLong(at + 6);
            int sequence = header.getInt(at + 18);
            int storedCrc = header.getInt(at + 22);
            int segmentCount = file[at + 26] & 0xFF;
            int bodyStart = at + 27 + segmentCount;
            if (bodyStart > file.length) {
                throw new IOException("truncated page at byte " + at);
            }
            int bodyLength = 0;
            for (int i = 0; i < segmentCount; i++) {
                bodyLength += file[at + 27 + i] & 0xFF;
            }
            int end = bodyStart + bodyLength;
            if (end > file.length) {
                throw new IOException("truncated page at byte " + at);
            }
            byte[] page = java.util.Arrays.copyOfRange(file, at, end);
            page[22] = page[23] = page[24] = page[25] = 0;
            if (OggCrc.of(page, 0, page.length) != storedCrc) {
                throw new IOException("bad CRC on page " + sequence);
            }
            if (sequence != expectedSequence++) {
                throw new IOException("page " + sequence + " out of sequence");
            }
            List<byte[]> packets = new ArrayList<>();
            int offset = bodyStart;
            for (int i = 0; i < segmentCount; i++) {
                int length = file[at + 27 + i] & 0xFF;
                partial.write(file, offset, length);
                offset += length;
                if (length < 255) {
                    packets.add(partial.toByteArray());
                    partial.reset();
                }
            }
            pages.add(new Page(granule, flags, packets));
            at = end;
        }
        if (pages.size() < 2 || pages.get(0).packets().size() != 1 || (pages.get(0).flags() & 0x02) == 0) {
            throw new IOException("no OpusHead page");
        }
        byte[] head = pages.get(0).packets().get(0);
        if (head.length < 19 || !new String(head, 0, 8, StandardCharsets.US_ASCII).equals("OpusHead")) {
            throw new IOException("first packet is not OpusHead");
        }
        ByteBuffer headFields = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int channels = head[9] & 0xFF;
        int preSkip = headFields.getShort(10) & 0xFFFF;
        byte[] tags = pages.get(1).packets().isEmpty() ? new byte[0] : pages.get(1).packets().get(0);
        if (tags.length < 16 || !new String(tags, 0, 8, StandardCharsets.US_ASCII).equals("OpusTags")) {
            throw new IOException("second packet is not OpusTags");
        }
        ByteBuffer tagFields = ByteBuffer.wrap(tags).order(ByteOrder.LITTLE_ENDIAN);
        int vendorLength = tagFields.getInt(8);
        int position = 12 + vendorLength;
        int count = tagFields.getInt(position);
        position += 4;
        List<String> comments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = tagFields.getInt(position);
            comments.add(new String(tags, position + 4, length, StandardCharsets.UTF_8));
            position += 4 + length;
        }
        return new Stream(channels, preSkip, comments, List.copyOf(pages.subList(2, pages.size())));
    }
}
