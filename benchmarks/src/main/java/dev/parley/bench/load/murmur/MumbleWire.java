package dev.parley.bench.load.murmur;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few pieces of Mumble 1.3's wire the load tool speaks, hand-encoded: protobuf control messages
 * (field numbers from Mumble's {@code Mumble.proto}) in Mumble's TCP framing (2-byte type, 4-byte
 * length, both big-endian), and the legacy UDP voice packet with Mumble's own variable-length
 * integers ({@code PacketDataStream}, not protobuf's). Stateless.
 */
public final class MumbleWire {

    /** Control message types (the order of messages in Mumble.proto). */
    public static final int VERSION = 0;
    public static final int UDP_TUNNEL = 1;
    public static final int AUTHENTICATE = 2;
    public static final int PING = 3;
    public static final int REJECT = 4;
    public static final int SERVER_SYNC = 5;
    public static final int CHANNEL_STATE = 7;
    public static final int USER_STATE = 9;
    public static final int PERMISSION_DENIED = 12;
    public static final int CRYPT_SETUP = 15;

    /** UDP packet types (top three bits of the first byte). */
    public static final int UDP_PING = 1;
    public static final int UDP_OPUS = 4;

    /** Mumble 1.3.4 as Version.version encodes it (major << 16 | minor << 8 | patch). */
    public static final int CLIENT_VERSION = 1 << 16 | 3 << 8 | 4;

    private MumbleWire() {
    }

    /** A control message: its type and protobuf payload. */
    public record Frame(int type, byte[] payload) {
    }

    /** Frames {@code payload} for the TCP control connection. */
    public static byte[] frame(int type, byte[] payload) {
        byte[] out = new byte[6 + payload.length];
        out[0] = (byte) (type >>> 8);
        out[1] = (byte) type;
        out[2] = (byte) (payload.length >>> 24);
        out[3] = (byte) (payload.length >>> 16);
        out[4] = (byte) (payload.length >>> 8);
        out[5] = (byte) payload.length;
        System.arraycopy(payload, 0, out, 6, payload.length);
        return out;
    }

    /** Builds a protobuf message field by field. Single use, one thread. */
    public static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Proto uint(int field, long value) {
            varint((long) field << 3);
            varint(value);
            return this;
        }

        public Proto bool(int field, boolean value) {
            return uint(field, value ? 1 : 0);
        }

        public Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        public Proto bytes(int field, byte[] value) {
            varint((long) field << 3 | 2);
            varint(value.length);
            out.writeBytes(value);
            return this;
        }

        public byte[] build() {
            return out.toByteArray();
        }

        private void varint(long value) {
            while ((value & ~0x7FL) != 0) {
                out.write((int) (value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
        }
    }

    /**
     * A decoded protobuf message: varint fields as numbers, length-delimited ones as bytes (repeated
     * fields keep every value). Fixed-width fields are skipped; the load tool reads none.
     */
    public static final class Fields {
        private final Map<Integer, List<Object>> values = new HashMap<>();

        public static Fields parse(byte[] payload) {
            Fields fields = new Fields();
            int[] at = {0};
            while (at[0] < payload.length) {
                long key = readVarint(payload, at);
                int field = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> fields.add(field, readVarint(payload, at));
                    case 1 -> at[0] += 8;
                    case 2 -> {
                        int length = (int) readVarint(payload, at);
                        if (length < 0 || at[0] + length > payload.length) {
                            throw new IllegalArgumentException("protobuf field " + field + " runs past the message");
                        }
                        byte[] value = new byte[length];
                        System.arraycopy(payload, at[0], value, 0, length);
                        at[0] += length;
                        fields.add(field, value);
                    }
                    case 5 -> at[0] += 4;
                    default -> throw new IllegalArgumentException("protobuf wire type " + (key & 7) + " not supported");
                }
            }
            return fields;
        }

        private void add(int field, Object value) {
            values.computeIfAbsent(field, k -> new ArrayList<>()).add(value);
        }

        public boolean has(int field) {
            return values.containsKey(field);
        }

        public long uint(int field, long otherwise) {
            List<Object> list = values.get(field);
            return list == null ? otherwise : (Long) list.get(list.size() - 1);
        }

        public byte[] bytes(int field) {
            List<Object> list = values.get(field);
            return list == null ? null : (byte[]) list.get(list.size() - 1);
        }

        public String string(int field) {
            byte[] bytes = bytes(field);
            return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
        }

        private static long readVarint(byte[] in, int[] at) {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (at[0] >= in.length) {
                    throw new IllegalArgumentException("protobuf varint runs past the message");
                }
                int b = in[at[0]++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
        }
    }

    /** Writes a non-negative value in Mumble's UDP varint at {@code offset}; returns the new offset. */
    public static int putVarint(byte[] out, int offset, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("the load tool writes only non-negative Mumble varints: " + value);
        }
        if (value < 0x80) {
            out[offset++] = (byte) value;
        } else if (value < 0x4000) {
            out[offset++] = (byte) ((value >> 8) | 0x80);
            out[offset++] = (byte) value;
        } else if (value < 0x200000) {
            out[offset++] = (byte) ((value >> 16) | 0xC0);
            out[offset++] = (byte) (value >> 8);
            out[offset++] = (byte) value;
        } else if (value < 0x10000000) {
            out[offset++] = (byte) ((value >> 24) | 0xE0);
            out[offset++] = (byte) (value >> 16);
            out[offset++] = (byte) (value >> 8);
            out[offset++] = (byte) value;
        } else if (value < 0x100000000L) {
            out[offset++] = (byte) 0xF0;
            for (int shift = 24; shift >= 0; shift -= 8) {
                out[offset++] = (byte) (value >> shift);
            }
        } else {
            out[offset++] = (byte) 0xF4;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[offset++] = (byte) (value >> shift);
            }
        }
        return offset;
    }

    /**
     * Reads a Mumble UDP varint at {@code at[0]}, advancing it. Negative forms (which the server
     * never sends in the fields we read) are refused.
     */
    public static long getVarint(byte[] in, int[] at, int end) {
        int first = need(in, at, end) & 0xFF;
        if ((first & 0x80) == 0) {
            return first;
        }
        if ((first & 0xC0) == 0x80) {
            return (long) (first & 0x3F) << 8 | (need(in, at, end) & 0xFF);
        }
        if ((first & 0xE0) == 0xC0) {
            return (long) (first & 0x1F) << 16 | (need(in, at, end) & 0xFF) << 8 | (need(in, at, end) & 0xFF);
        }
        if ((first & 0xF0) == 0xE0) {
            return (long) (first & 0x0F) << 24 | (need(in, at, end) & 0xFF) << 16 | (need(in, at, end) & 0xFF) << 8
                    | (need(in, at, end) & 0xFF);
        }
        int bytes = switch (first & 0xFC) {
            case 0xF0 -> 4;
            case 0xF4 -> 8;
            default -> throw new IllegalArgumentException("negative Mumble varint (0x" + Integer.toHexString(first) + ")");
        };
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = value << 8 | (need(in, at, end) & 0xFF);
        }
        return value;
    }

    private static byte need(byte[] in, int[] at, int end) {
        if (at[0] >= end) {
            throw new IllegalArgumentException("Mumble varint runs past the packet");
        }
        return in[at[0]++];
    }

    /**
     * Client to server, Opus, normal talking (target 0): header, sequence, Opus length (no
     * terminator bit: the talker keeps talking), the Opus packet. Returns the plaintext length.
     */
    public static int opusFromClient(byte[] out, long sequence, byte[] opus, int opusLength) {
        if (opusLength >= 0x2000) {
            throw new IllegalArgumentException("an Opus packet in Mumble's UDP voice is at most 8191 bytes");
        }
        out[0] = (byte) (UDP_OPUS << 5);
        int at = putVarint(out, 1, sequence);
        at = putVarint(out, at, opusLength);
        System.arraycopy(opus, 0, out, at, opusLength);
        return at + opusLength;
    }

    /** A UDP ping carrying {@code timestamp}; returns the plaintext length. */
    public static int ping(byte[] out, long timestamp) {
        out[0] = (byte) (UDP_PING << 5);
        return putVarint(out, 1, timestamp);
    }

    /** Where an Opus packet forwarded by the server starts: its offset and length, after session and sequence. */
    public record OpusAt(long session, long sequence, int offset, int length) {
    }

    /**
     * Parses a server-to-client Opus packet (header, session, sequence, length, payload); null if it
     * is not one or is cut short.
     */
    public static OpusAt opusFromServer(byte[] plain, int length) {
        if (length < 1 || ((plain[0] >> 5) & 7) != UDP_OPUS) {
            return null;
        }
        try {
            int[] at = {1};
            long session = getVarint(plain, at, length);
            long sequence = getVarint(plain, at, length);
            int size = (int) getVarint(plain, at, length) & 0x1FFF;
            return at[0] + size > length ? null : new OpusAt(session, sequence, at[0], size);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
