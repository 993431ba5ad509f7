package dev.parley.protocol.voice;

import java.util.Arrays;

/**
 * One Opus packet from one speaker. The relay forwards the whole body unchanged, re-encrypted per
 * listener, so the speaker id travels inside the ciphertext where nobody can alter it.
 *
 * @param speakerSessionId the session that spoke (must equal the key session id upstream)
 * @param sequence         per-speaker frame number, wraps at 2^32 (unsigned on the wire)
 * @param timestamp        in 48 kHz samples, wraps at 2^32 (unsigned on the wire)
 * @param flags            bit 0 {@link #END_OF_TALK}; bits 1..5 the voice target ({@link #target()}:
 *                         0 = the speaker's channel, 1..30 a whisper target, 31 the speaker's call);
 *                         bits 6..7 reserved:
 *                         sent as 0, kept by the relay, ignored by receivers
 * @param payload          the Opus packet, 0..{@value #MAX_PAYLOAD_BYTES} bytes (0 = nothing to decode,
 *                         e.g. a bare end-of-talk marker)
 */
public record AudioFrame(int speakerSessionId, int sequence, int timestamp, int flags, byte[] payload)
        implements VoiceBody {

    /** The last frame of a talk spurt; listeners stop the talking indicator and drain the jitter buffer. */
    public static final int END_OF_TALK = 0x01;
    /** Where the voice target sits in the flags byte. */
    public static final int TARGET_SHIFT = 1;
    public static final int TARGET_MASK = 0x1F << TARGET_SHIFT;
    /** Target 0: the speaker's own channel. */
    public static final int CHANNEL_TARGET = 0;
    public static final int MIN_WHISPER_TARGET = 1;
    public static final int MAX_WHISPER_TARGET = 30;
    /** Target 31: the speaker's 1:1 call, to the other side only. */
    public static final int CALL_TARGET = 31;
    /** RFC 6716 limit for one Opus packet. */
    public static final int MAX_PAYLOAD_BYTES = 1275;
    /** Body bytes before the payload: speaker u32, sequence u32, timestamp u32, flags u8. */
    public static final int FIXED_BYTES = 13;

    public AudioFrame {
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("flags must fit in one byte: " + flags);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("Opus payload too long: " + payload.length + " bytes");
        }
        payload = payload.clone();
    }

    @Override
    public VoicePacketKind kind() {
        return VoicePacketKind.AUDIO;
    }

    public boolean endOfTalk() {
        return (flags & END_OF_TALK) != 0;
    }

    /** 0 for talk to the speaker's channel, 1..30 for one of the speaker's whisper targets, 31 for the call. */
    public int target() {
        return targetOf(flags);
    }

    public static int targetOf(int flags) {
        return (flags & TARGET_MASK) >>> TARGET_SHIFT;
    }

    /** The flags byte for a frame to {@code target}, ending a spurt or not. */
    public static int flags(boolean endOfTalk, int target) {
        if (target < 0 || target > 31) {
            throw new IllegalArgumentException("voice target must be 0..31: " + target);
        }
        return (endOfTalk ? END_OF_TALK : 0) | target << TARGET_SHIFT;
    }

    /** A copy: the frame stays immutable. Use {@link #payloadLength()} when only the size matters. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    /** Copies the payload without an intermediate array (the codec's hot path). */
    void copyPayloadTo(byte[] destination, int offset) {
        System.arraycopy(payload, 0, destination, offset, payload.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AudioFrame that
                && speakerSessionId == that.speakerSessionId
                && sequence == that.sequence
                && timestamp == that.timestamp
                && flags == that.flags
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        int result = Integer.hashCode(speakerSessionId);
        result = 31 * result + sequence;
        result = 31 * result + timestamp;
        result = 31 * result + flags;
        return 31 * result + Arrays.hashCode(payload);
    }

    /** Never prints audio, only its size. */
    @Override
    public String toString() {
        return "AudioFrame[speaker=" + speakerSessionId + ", sequence=" + Integer.toUnsignedString(sequence)
                + ", timestamp=" + Integer.toUnsignedString(timestamp) + ", flags=" + flags
                + ", payload=" + payload.length + " bytes]";
    }
}
