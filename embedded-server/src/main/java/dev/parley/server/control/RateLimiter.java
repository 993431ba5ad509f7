package dev.parley.server.control;

/**
 * Token bucket: {@code ratePerSecond} sustained, bursts up to {@code burst}. Thread-safe (a
 * connection's frames may be decoded on any worker thread).
 */
public final class RateLimiter {
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long lastRefill;

    public RateLimiter(double ratePerSecond, int burst) {
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.lastRefill = System.nanoTime();
    }

    public synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - lastRefill) * ratePerNano);
        lastRefill = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    public boolean tryAcquire() {
        return tryAcquire(System.nanoTime());
    }
}
