package dev.parley.client.core.audio;

/**
 * The one PCM format inside the voice engine: 48 kHz, mono, 16-bit signed, handled in 10 ms chunks.
 * Devices and files that differ are converted at the edge.
 */
public final class PcmFormat {

    public static final int SAMPLE_RATE = 48_000;
    public static final int CHANNELS = 1;
    public static final int BITS_PER_SAMPLE = 16;
    public static final int BYTES_PER_SAMPLE = BITS_PER_SAMPLE / 8;
    public static final int CHUNK_MILLIS = 10;
    /** Samples in one 10 ms chunk: 480. */
    public static final int CHUNK_SAMPLES = SAMPLE_RATE * CHUNK_MILLIS / 1000;
    /** Bytes in one 10 ms chunk of 16-bit PCM: 960. */
    public static final int CHUNK_BYTES = CHUNK_SAMPLES * BYTES_PER_SAMPLE;
    public static final long CHUNK_NANOS = CHUNK_MILLIS * 1_000_000L;

    private PcmFormat() {
    }

    /** A fresh buffer for one chunk. */
    public static short[] newChunk() {
        return new short[CHUNK_SAMPLES];
    }

    /**
     * Throws unless {@code chunk} is what a playback loop writes: a 10 ms chunk, or a 5 ms one from a loop that
     * keeps time itself (it pulls 5 ms to halve the playout grain).
     */
    public static void requirePlaybackChunk(short[] chunk) {
        if (chunk == null || (chunk.length != CHUNK_SAMPLES && chunk.length != CHUNK_SAMPLES / 2)) {
            throw new IllegalArgumentException("expected a chunk of " + CHUNK_SAMPLES / 2 + " or " + CHUNK_SAMPLES
                    + " samples, got " + (chunk == null ? "null" : chunk.length));
        }
    }

    /** Throws if {@code chunk} is not exactly one 10 ms chunk; cheap enough for every call. */
    public static void requireChunk(short[] chunk) {
        if (chunk == null || chunk.length != CHUNK_SAMPLES) {
            throw new IllegalArgumentException("expected a chunk of " + CHUNK_SAMPLES + " samples, got "
                    + (chunk == null ? "null" : chunk.length));
        }
    }
}
