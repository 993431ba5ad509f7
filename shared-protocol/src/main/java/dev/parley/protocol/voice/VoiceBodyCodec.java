package dev.parley.protocol.voice;

import static dev.parley.protocol.voice.VoiceWire.readInt;
import static dev.parley.protocol.voice.VoiceWire.readLong;
import static dev.parley.protocol.voice.VoiceWire.writeInt;
import static dev.parley.protocol.voice.VoiceWire.writeLong;

import java.util.Arrays;

/** Plaintext body layouts. Stateless. */
final class VoiceBodyCodec {

    private VoiceBodyCodec() {
    }

    /** Writes the body at {@code offset}; returns its length. The array must hold {@link VoiceWire#MAX_BODY_BYTES}. */
    static int write(VoiceBody body, byte[] out, int offset) {
        if (body instanceof AudioFrame frame) {
            writeInt(out, offset, frame.speakerSessionId());
            writeInt(out, offset + 4, frame.sequence());
            writeInt(out, offset + 8, frame.timestamp());
            out[offset + 12] = (byte) frame.flags();
            frame.copyPayloadTo(out, offset + AudioFrame.FIXED_BYTES);
            return AudioFrame.FIXED_BYTES + frame.payloadLength();
        }
        if (body instanceof VoiceHello hello) {
            writeLong(out, offset, hello.nonce());
            writeCookie(hello.cookie(), out, offset + 8);
            return VoiceHello.BODY_BYTES;
        }
        if (body instanceof VoiceChallenge challenge) {
            writeCookie(challenge.cookie(), out, offset);
            return VoiceChallenge.BODY_BYTES;
        }
        if (body instanceof VoicePing ping) {
            writeInt(out, offset, ping.sequence());
            writeLong(out, offset + 4, ping.clientSendNanos());
            return VoicePing.BODY_BYTES;
        }
        if (body instanceof VoicePong pong) {
            writeInt(out, offset, pong.sequence());
            writeLong(out, offset + 4, pong.clientSendNanos());
            writeLong(out, offset + 12, pong.packetsReceived());
            writeLong(out, offset + 20, pong.highestCounter());
            return VoicePong.BODY_BYTES;
        }
        throw new AssertionError("unknown body type " + body.getClass());
    }

    /**
     * Reads a body whose length {@link VoiceWire#bodyLengthFits fits} its kind. Returns {@code null}
     * when an authentic body still breaks a record's rules (a buggy or hostile peer with the key).
     */
    static VoiceBody read(VoicePacketKind kind, byte[] in, int offset, int length) {
        switch (kind) {
            case AUDIO:
                return new AudioFrame(readInt(in, offset), readInt(in, offset + 4), readInt(in, offset + 8),
                        in[offset + 12] & 0xFF,
                        Arrays.copyOfRange(in, offset + AudioFrame.FIXED_BYTES, offset + length));
            case HELLO:
                return new VoiceHello(readLong(in, offset), readCookie(in, offset + 8));
            case CHALLENGE:
                return new VoiceChallenge(readCookie(in, offset));
            case PING:
                return new VoicePing(readInt(in, offset), readLong(in, offset + 4));
            case PONG:
                long received = readLong(in, offset + 12);
                long highest = readLong(in, offset + 20);
                if (received < 0 || highest < 0) {
                    return null;
                }
                return new VoicePong(readInt(in, offset), readLong(in, offset + 4), received, highest);
            default:
                throw new AssertionError(kind);
        }
    }

    private static void writeCookie(VoiceCookie cookie, byte[] out, int offset) {
        writeInt(out, offset, cookie.issued());
        writeLong(out, offset + 4, cookie.mac());
    }

    private static VoiceCookie readCookie(byte[] in, int offset) {
        int issued = readInt(in, offset);
        long mac = readLong(in, offset + 4);
        return issued == 0 && mac == 0 ? VoiceCookie.NONE : new VoiceCookie(issued, mac);
    }
}
