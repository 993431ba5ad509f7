package dev.parley.client.core.voice.codec;

import java.util.Arrays;

/**
 * Collects 10 ms capture chunks into one encoder frame (two chunks for 20 ms).
 * Not thread-safe: confined to the capture/encode thread.
 */
public final class FrameAssembler {

    private final short[] frame;
    private int filled;

    public FrameAssembler(int frameSamples) {
        if (frameSamples <= 0 || frameSamples % OpusSettings.CHUNK_SAMPLES != 0) {
            throw new IllegalArgumentException("frame must be a whole number of 10 ms chunks: " + frameSamples);
        }
        this.frame = new short[frameSamples];
    }

    /**
     * Appends one 10 ms chunk.
     *
     * @return true when this chunk completed a frame; read it with {@link #frame()} before the next add
     */
    public boolean add(short[] chunk) {
        if (chunk.length != OpusSettings.CHUNK_SAMPLES) {
            throw new IllegalArgumentException("expected a 10 ms chunk of " + OpusSettings.CHUNK_SAMPLES
                    + " samples, got " + chunk.length);
        }
        if (filled == frame.length) {
            filled = 0;
        }
        System.arraycopy(chunk, 0, frame, filled, chunk.length);
        filled += chunk.length;
        return filled == frame.length;
    }

    /** The completed frame; the array is reused, copy it if it must outlive the next {@link #add}. */
    public short[] frame() {
        if (filled != frame.length) {
            throw new IllegalStateException("frame not complete: " + filled + " of " + frame.length + " samples");
        }
        return frame;
    }

    /** True when no chunk of the next frame has been added yet. */
    public boolean isEmpty() {
        return filled == 0 || filled == frame.length;
    }

    /** Completes a partial frame with silence (the end of a talk spurt) and returns it. */
    public short[] padWithSilence() {
        Arrays.fill(frame, filled, frame.length, (short) 0);
        filled = frame.length;
        return frame;
    }

    /** Drops a partial frame, e.g. when the transmit gate closes mid-frame. */
    public void reset() {
        filled = 0;
    }

    public int frameSamples() {
        return frame.length;
    }
}
