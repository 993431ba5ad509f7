package dev.parley.protocol.voice;

/**
 * The voice datagram layout (see {@code docs/PROTOCOL.md}, "Voice wire") and the cleartext checks a
 * receiver runs before spending any crypto on a datagram. All integers are big-endian.
 *
 * <pre>
 * 0  u8   version (1)
 * 1  u8   kind (VoicePacketKind)
 * 2  u32  key session id
 * 6  u64  counter (below 2^63)
 * 14 ...  AES-128-GCM ciphertext of the body, then the 16-byte tag; bytes 0..13 are the AAD
 * </pre>
 */
public final class VoiceWire {

    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 14;
    public static final int TAG_BYTES = 16;
    /** Fits one unfragmented datagram on any usual path (IPv6 minimum MTU 1280 aside). */
    public static final int MAX_DATAGRAM_BYTES = 1400;
    public static final int MIN_DATAGRAM_BYTES = HEADER_BYTES + TAG_BYTES;
    /** The largest body any kind can have (a full audio frame). */
    public static final int MAX_BODY_BYTES = AudioFrame.FIXED_BYTES + AudioFrame.MAX_PAYLOAD_BYTES;

    static final int KIND_OFFSET = 1;
    static final int SESSION_OFFSET = 2;
    static final int COUNTER_OFFSET = 6;

    private VoiceWire() {
    }

    /**
     * Checks what can be checked without the key: length, version, kind, counter range, body length
     * for the kind. Returns {@code null} when the datagram is worth decrypting (hot path: no
     * allocation), else the reason to drop it.
     */
    public static RejectReason precheck(byte[] datagram, int offset, int length) {
        if (length < MIN_DATAGRAM_BYTES) {
            return RejectReason.TOO_SHORT;
        }
        if (length > MAX_DATAGRAM_BYTES) {
            return RejectReason.TOO_LONG;
        }
        if ((datagram[offset] & 0xFF) != VERSION) {
            return RejectReason.UNSUPPORTED_VERSION;
        }
        VoicePacketKind kind = VoicePacketKind.fromWireValue(datagram[offset + KIND_OFFSET] & 0xFF);
        if (kind == null) {
            return RejectReason.UNKNOWN_KIND;
        }
        if (readLong(datagram, offset + COUNTER_OFFSET) < 0) {
            return RejectReason.BAD_COUNTER;
        }
        int bodyLength = length - MIN_DATAGRAM_BYTES;
        return bodyLengthFits(kind, bodyLength) ? null : RejectReason.BAD_LENGTH;
    }

    /** The kind byte of a datagram that passed {@link #precheck}. */
    public static VoicePacketKind kind(byte[] datagram, int offset) {
        return VoicePacketKind.fromWireValue(datagram[offset + KIND_OFFSET] & 0xFF);
    }

    /** The key session id of a datagram that passed {@link #precheck}. Not authenticated yet. */
    public static int keySessionId(byte[] datagram, int offset) {
        return readInt(datagram, offset + SESSION_OFFSET);
    }

    /** The counter of a datagram that passed {@link #precheck}. Not authenticated yet. */
    public static long counter(byte[] datagram, int offset) {
        return readLong(datagram, offset + COUNTER_OFFSET);
    }

    static boolean bodyLengthFits(VoicePacketKind kind, int bodyLength) {
        switch (kind) {
            case HELLO:
                return bodyLength == VoiceHello.BODY_BYTES;
            case PING:
                return bodyLength == VoicePing.BODY_BYTES;
            case PONG:
                return bodyLength == VoicePong.BODY_BYTES;
            case CHALLENGE:
                return bodyLength == VoiceChallenge.BODY_BYTES;
            case AUDIO:
                return bodyLength >= AudioFrame.FIXED_BYTES && bodyLength <= MAX_BODY_BYTES;
            default:
                throw new AssertionError(kind);
        }
    }

    static int readInt(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    static long readLong(byte[] b, int i) {
        return (long) readInt(b, i) << 32 | (readInt(b, i + 4) & 0xFFFF_FFFFL);
    }

    static void writeInt(byte[] b, int i, int value) {
        b[i] = (byte) (value >>> 24);
        b[i + 1] = (byte) (value >>> 16);
        b[i + 2] = (byte) (value >>> 8);
        b[i + 3] = (byte) value;
    }

    static void writeLong(byte[] b, int i, long value) {
        writeInt(b, i, (int) (value >>> 32));
        writeInt(b, i + 4, (int) value);
    }
}
