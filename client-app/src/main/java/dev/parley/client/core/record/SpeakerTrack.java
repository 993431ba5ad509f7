package dev.parley.client.core.record;

import java.io.IOException;

/**
 * Places one speaker's packets on the recording's timeline and writes them, as received, to that
 * speaker's Ogg Opus stream. Within a stream the sender's own 48 kHz timestamps say where a packet
 * belongs (they keep running through the speaker's silences, and jump over audio the sender's capture
 * discarded); only the first packet is placed by its arrival time. Network stalls therefore never
 * move audio: a packet that arrives late still lands where it was said. Only a timestamp that
 * disagrees with the arrival by more than {@link #RESYNC_SAMPLES} (a sender whose clock jumped) is
 * placed by arrival again. Every gap before a packet is filled
 * with encoded silence, so the granule positions run with real time and all tracks of a recording
 * line up. A packet whose place was already written (late, duplicate) is dropped and counted.
 * One thread at a time (the recorder's).
 */
final class SpeakerTrack {
    /**
     * Ten seconds at 48 kHz: far more than any stall a live call survives (a first version re-placed by
     * arrival after half a second, and a loaded machine's stalls then cut silences into speech).
     */
    static final long RESYNC_SAMPLES = 480_000;

    private final OggOpusWriter writer;
    private final byte[] silence;
    private final int silenceSamples;
    private boolean anchored;
    private long anchorPosition;
    private long anchorTimestamp;
    private long lastTimestamp;
    private long packets;
    private long dropped;

    /** @param silence one Opus packet of silence used to fill gaps (same channel count as the stream) */
    SpeakerTrack(OggOpusWriter writer, byte[] silence) {
        this.writer = writer;
        this.silence = silence.clone();
        this.silenceSamples = OpusPackets.samples(silence);
        if (silenceSamples <= 0) {
            throw new IllegalArgumentException("silence is not an Opus packet");
        }
    }

    /**
     * @param wireTimestamp   the packet's unsigned 32-bit sample clock, as sent
     * @param arrivalPosition samples (48 kHz) between the start of the recording and the packet's arrival
     */
    void packet(int wireTimestamp, byte[] payload, long arrivalPosition) throws IOException {
        int samples = OpusPackets.samples(payload);
        if (samples < 0) {
            dropped++;
            return;
        }
        long timestamp = unwrap(wireTimestamp);
        // The packet's audio ended when it arrived (give or take the network): that is where it starts.
        long arrivalStart = Math.max(0, arrivalPosition - samples);
        long position = anchorPosition + (timestamp - anchorTimestamp);
        if (!anchored || Math.abs(position - arrivalStart) > RESYNC_SAMPLES) {
            anchored = true;
            anchorPosition = Math.max(arrivalStart, writer.samplesWritten());
            anchorTimestamp = timestamp;
            position = anchorPosition;
        }
        if (position < writer.samplesWritten()) {
            dropped++;
            return;
        }
        fillTo(position);
        writer.write(payload);
        packets++;
    }

    /** Fills with silence up to {@code endPosition} (the recording's end) and closes the file. */
    void finish(long endPosition) throws IOException {
        try {
            fillTo(endPosition);
        } finally {
            writer.close();
        }
    }

    long packets() {
        return packets;
    }

    long dropped() {
        return dropped;
    }

    private void fillTo(long position) throws IOException {
        while (writer.samplesWritten() + silenceSamples <= position) {
            writer.write(silence);
        }
    }

    private long unwrap(int wireTimestamp) {
        if (!anchored) {
            lastTimestamp = wireTimestamp & 0xFFFFFFFFL;
        } else {
            lastTimestamp += wireTimestamp - (int) lastTimestamp;
        }
        return lastTimestamp;
    }
}
