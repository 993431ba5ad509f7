package dev.parley.client.core.audio.dsp;

import dev.parley.client.core.audio.PcmFormat;
import java.util.Objects;

/**
 * Measures peak and RMS of every chunk and publishes a smoothed level for display about 33 times a second
 * (every third 10 ms chunk), not per chunk. Peak rises at once and falls at 20 dB/s; RMS follows with a
 * 30 ms attack and a 200 ms release, so meters neither flicker nor lag.
 *
 * <p>Not thread-safe: confined to the capture thread. The listener runs on that thread too and must hand
 * off to the UI thread itself.
 */
public final class LevelMeter {

    /** Chunks between two published updates: 3 × 10 ms ≈ 33 updates per second. */
    public static final int CHUNKS_PER_UPDATE = 3;
    private static final double PEAK_FALL_DB_PER_CHUNK = 20.0 * PcmFormat.CHUNK_MILLIS / 1000;
    private static final double RMS_ATTACK = 1 - Math.exp(-PcmFormat.CHUNK_MILLIS / 30.0);
    private static final double RMS_RELEASE = 1 - Math.exp(-PcmFormat.CHUNK_MILLIS / 200.0);

    /** Receives smoothed levels on the capture thread. */
    @FunctionalInterface
    public interface Listener {
        void onLevel(AudioLevel smoothed);
    }

    private final Listener listener;
    private double smoothedPeakDbfs = AudioLevel.FLOOR_DBFS;
    private double smoothedPower;
    private int chunksSinceUpdate;
    private AudioLevel lastChunk = AudioLevel.SILENCE;

    public LevelMeter(Listener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** A meter nobody listens to, for callers that only need per-chunk levels. */
    public LevelMeter() {
        this(level -> { });
    }

    /** Measures one chunk, updates the smoothed level, publishes if due, and returns this chunk's own level. */
    public AudioLevel process(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        AudioLevel level = AudioLevel.of(chunk, 0, chunk.length);
        lastChunk = level;
        smoothedPeakDbfs = Math.max(level.peakDbfs(),
                Math.max(AudioLevel.FLOOR_DBFS, smoothedPeakDbfs - PEAK_FALL_DB_PER_CHUNK));
        double power = Math.pow(10, level.rmsDbfs() / 10);
        double coefficient = power > smoothedPower ? RMS_ATTACK : RMS_RELEASE;
        smoothedPower += coefficient * (power - smoothedPower);
        if (++chunksSinceUpdate >= CHUNKS_PER_UPDATE) {
            chunksSinceUpdate = 0;
            listener.onLevel(smoothed());
        }
        return level;
    }

    /** The level of the most recent chunk, unsmoothed. */
    public AudioLevel lastChunk() {
        return lastChunk;
    }

    /** The current smoothed level, as the listener would see it. */
    public AudioLevel smoothed() {
        double rmsDbfs = smoothedPower <= 0 ? AudioLevel.FLOOR_DBFS
                : Math.max(AudioLevel.FLOOR_DBFS, 10 * Math.log10(smoothedPower));
        return new AudioLevel(smoothedPeakDbfs, rmsDbfs);
    }
}
