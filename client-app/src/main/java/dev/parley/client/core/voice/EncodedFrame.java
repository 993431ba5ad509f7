package dev.parley.client.core.voice;

import java.util.Arrays;

/**
 * One received Opus packet of a speaker, as the jitter buffer needs it. Immutable: the payload is
 * copied on construction and must not be modified through {@link #payload()}.
 *
 * @param sequence  the speaker's packet counter, one per encoded frame, already unwrapped to a
 *                  monotonically increasing long (a 16/32-bit wire counter must be extended by the caller)
 * @param timestamp position of the frame's first sample in the speaker's 48 kHz sample clock
 * @param endOfTalk true on the last packet of a talk spurt
 * @param payload   the Opus packet; empty for a bare end-of-talk marker (nothing to decode)
 */
public record EncodedFrame(long sequence, long timestamp, boolean endOfTalk, byte[] payload) {

    public EncodedFrame {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        if (payload == null) {
            throw new IllegalArgumentException("payload must not be null");
        }
        payload = payload.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncodedFrame f && f.sequence == sequence && f.timestamp == timestamp
                && f.endOfTalk == endOfTalk && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EncodedFrame[seq=" + sequence + ", ts=" + timestamp + ", end=" + endOfTalk
                + ", bytes=" + payload.length + "]";
    }
}
