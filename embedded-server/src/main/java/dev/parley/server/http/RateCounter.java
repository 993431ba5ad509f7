package dev.parley.server.http;

import java.util.function.LongSupplier;

/**
 * Events per second over the last few seconds, from per-second buckets. Thread-safe.
 */
public final class RateCounter {
    private final long[] buckets;
    private final long[] bucketSecond;
    private final LongSupplier clockMillis;

    public RateCounter(int windowSeconds, LongSupplier clockMillis) {
        this.buckets = new long[windowSeconds + 1];
        this.bucketSecond = new long[windowSeconds + 1];
        this.clockMillis = clockMillis;
    }

    public synchronized void record() {
        long second = clockMillis.getAsLong() / 1000;
        int slot = (int) (second % buckets.length);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            buckets[slot] = 0;
        }
        buckets[slot]++;
    }

    /** The mean rate over the last complete seconds of the window (the running second is left out). */
    public synchronized double perSecond() {
        long now = clockMillis.getAsLong() / 1000;
        int window = buckets.length - 1;
        long total = 0;
        for (int i = 0; i < buckets.length; i++) {
            long age = now - bucketSecond[i];
            if (age >= 1 && age <= window) {
                total += buckets[i];
            }
        }
        return (double) total / window;
    }
}
