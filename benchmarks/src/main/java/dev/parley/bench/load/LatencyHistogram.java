package dev.parley.bench.load;

/**
 * Latencies: exact to the microsecond below 20 ms, to the millisecond up to 60 s, clamped above
 * (the maximum is kept exactly). About 320 KB. Not thread-safe: one recording thread; merge with
 * {@link #add(LatencyHistogram)} once it has gone quiet.
 */
public final class LatencyHistogram {

    private static final int FINE_LIMIT_MICROS = 20_000;
    private static final int COARSE_LIMIT_MILLIS = 60_000;

    private final int[] fine = new int[FINE_LIMIT_MICROS];
    private final int[] coarse = new int[COARSE_LIMIT_MILLIS + 1];
    private long total;
    private long maxMicros;

    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1_000);
        if (micros < FINE_LIMIT_MICROS) {
            fine[(int) micros]++;
        } else {
            coarse[(int) Math.min(micros / 1_000, COARSE_LIMIT_MILLIS)]++;
        }
        total++;
        maxMicros = Math.max(maxMicros, micros);
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < fine.length; i++) {
            fine[i] += other.fine[i];
        }
        for (int i = 0; i < coarse.length; i++) {
            coarse[i] += other.coarse[i];
        }
        total += other.total;
        maxMicros = Math.max(maxMicros, other.maxMicros);
    }

    public long count() {
        return total;
    }

    /** The latency in milliseconds that {@code percent} of the recordings did not exceed; 0 when empty. */
    public double percentileMillis(double percent) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < fine.length; i++) {
            seen += fine[i];
            if (seen >= rank) {
                return i / 1000.0;
            }
        }
        for (int i = 0; i < coarse.length; i++) {
            seen += coarse[i];
            if (seen >= rank) {
                return i;
            }
        }
        return maxMillis();
    }

    public double maxMillis() {
        return maxMicros / 1000.0;
    }
}
