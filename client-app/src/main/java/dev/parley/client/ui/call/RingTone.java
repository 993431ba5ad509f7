package dev.parley.client.ui.call;

import dev.parley.client.core.audio.PcmFormat;

/**
 * The incoming-call sound, made in code (no sound file to ship): two short bursts of a 400 + 450 Hz
 * chord, then a pause, repeated; about 3 s a cycle, at a level well below full scale. 48 kHz mono
 * 16-bit like the rest of the audio path, in 10 ms chunks.
 */
public final class RingTone {
    static final int BURST_MS = 400;
    static final int GAP_MS = 200;
    static final int PAUSE_MS = 2_000;
    static final int CYCLE_MS = BURST_MS + GAP_MS + BURST_MS + PAUSE_MS;
    /** Peak level: loud enough to notice, not so loud that a headset hurts. */
    static final double PEAK = 0.25;
    /** Ramps at each burst's edges, so the bursts do not click. */
    private static final int RAMP_MS = 10;

    private static final short[] CYCLE = cycle();

    private RingTone() {
    }

    /** Chunks in one cycle. */
    public static int chunks() {
        return CYCLE.length / PcmFormat.CHUNK_SAMPLES;
    }

    /** Chunk {@code index} of the cycle (wrapping around), a fresh array. */
    public static short[] chunk(int index) {
        int at = Math.floorMod(index, chunks()) * PcmFormat.CHUNK_SAMPLES;
        short[] chunk = PcmFormat.newChunk();
        System.arraycopy(CYCLE, at, chunk, 0, chunk.length);
        return chunk;
    }

    private static short[] cycle() {
        int perMs = PcmFormat.SAMPLE_RATE / 1000;
        short[] samples = new short[CYCLE_MS * perMs];
        burst(samples, 0, BURST_MS * perMs);
        burst(samples, (BURST_MS + GAP_MS) * perMs, BURST_MS * perMs);
        return samples;
    }

    private static void burst(short[] samples, int from, int length) {
        int ramp = RAMP_MS * PcmFormat.SAMPLE_RATE / 1000;
        for (int i = 0; i < length; i++) {
            double t = (double) i / PcmFormat.SAMPLE_RATE;
            double chord = (Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t)) / 2;
            double envelope = Math.min(1.0, Math.min(i, length - 1 - i) / (double) ramp);
            samples[from + i] = (short) Math.round(chord * envelope * PEAK * Short.MAX_VALUE);
        }
    }
}
