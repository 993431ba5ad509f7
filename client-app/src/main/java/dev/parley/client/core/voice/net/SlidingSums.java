package dev.parley.client.core.voice.net;

import java.util.Arrays;

/**
 * Sums of a few counters over the last {@code buckets} seconds (one bucket per second, the oldest
 * dropped as time moves on) and over the whole run. Fixed arrays: adding never allocates. Confined to
 * one thread.
 */
final class SlidingSums {

    private static final long BUCKET_NANOS = 1_000_000_000L;

    private final long[][] window;
    private final long[] bucketStart;
    private final long[] total;
    private final int buckets;

    SlidingSums(int buckets, int counters) {
        this.buckets = buckets;
        this.window = new long[buckets][counters];
        this.bucketStart = new long[buckets];
        Arrays.fill(bucketStart, Long.MIN_VALUE);
        this.total = new long[counters];
    }

    void add(long nowNanos, int counter, long value) {
        long start = Math.floorDiv(nowNanos, BUCKET_NANOS);
        int index = (int) Math.floorMod(start, (long) buckets);
        if (bucketStart[index] != start) {
            Arrays.fill(window[index], 0);
            bucketStart[index] = start;
        }
        window[index][counter] += value;
        total[counter] += value;
    }

    /** Sum over the buckets of the last {@code buckets} seconds, the current one included. */
    long window(long nowNanos, int counter) {
        long current = Math.floorDiv(nowNanos, BUCKET_NANOS);
        long sum = 0;
        for (int i = 0; i < buckets; i++) {
            if (bucketStart[i] != Long.MIN_VALUE && current - bucketStart[i] < buckets) {
                sum += window[i][counter];
            }
        }
        return sum;
    }

    long total(int counter) {
        return total[counter];
    }
}
