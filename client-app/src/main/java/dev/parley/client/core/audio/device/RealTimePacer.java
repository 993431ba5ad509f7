package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces a loop at real time, one chunk (10 ms, or whatever length the caller says) per call, against a
 * monotonic clock. Sleeps to the absolute deadline of each chunk so sleep jitter does not accumulate; after falling far behind (a stalled thread) it starts
 * afresh instead of bursting to catch up.
 *
 * <p>Not thread-safe: owned by the paced thread.
 */
final class RealTimePacer {

    /** Further behind than this, the schedule restarts from now. */
    static final long MAX_LAG_NANOS = 200_000_000L;

    interface Sleeper {
        void sleepNanos(long nanos);
    }

    private final LongSupplier clock;
    private final Sleeper sleeper;
    private long start;
    /** Samples of the chunks whose deadlines have passed or are being waited for; -1 before the first call. */
    private long samples = -1;

    RealTimePacer() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    RealTimePacer(LongSupplier clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the next 10 ms chunk is due; the first call returns at once and starts the schedule. */
    void awaitNextChunk() {
        awaitNext(PcmFormat.CHUNK_SAMPLES);
    }

    /**
     * Blocks until the next chunk, {@code chunkSamples} long, is due: when the chunks before it have played.
     * The first call returns at once and starts the schedule.
     */
    void awaitNext(int chunkSamples) {
        long now = clock.getAsLong();
        if (samples < 0) {
            start = now;
            samples = chunkSamples;
            return;
        }
        long due = start + samples * 1_000_000_000L / PcmFormat.SAMPLE_RATE;
        samples += chunkSamples;
        long wait = due - now;
        if (wait < -MAX_LAG_NANOS) {
            start = now;
            samples = chunkSamples;
            return;
        }
        while (wait > 0) {
            sleeper.sleepNanos(wait);
            wait = due - clock.getAsLong();
        }
    }
}
