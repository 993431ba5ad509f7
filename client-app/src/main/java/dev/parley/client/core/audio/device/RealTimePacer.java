package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Paces a loop at one 10 ms chunk per tick against a monotonic clock. Sleeps to the absolute deadline of
 * each chunk so sleep jitter does not accumulate; after falling far behind (a stalled thread) it starts
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
    private long ticks = -1;

    RealTimePacer() {
        this(System::nanoTime, LockSupport::parkNanos);
    }

    RealTimePacer(LongSupplier clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Blocks until the next chunk is due; the first call returns at once and starts the schedule. */
    void awaitNextChunk() {
        long now = clock.getAsLong();
        if (ticks < 0) {
            start = now;
            ticks = 0;
            return;
        }
        ticks++;
        long due = start + ticks * PcmFormat.CHUNK_NANOS;
        long wait = due - now;
        if (wait < -MAX_LAG_NANOS) {
            start = now;
            ticks = 0;
            return;
        }
        while (wait > 0) {
            sleeper.sleepNanos(wait);
            wait = due - clock.getAsLong();
        }
    }
}
