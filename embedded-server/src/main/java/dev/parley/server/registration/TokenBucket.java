package dev.parley.server.registration;

/**
 * A token bucket in milliseconds that says how long to wait when empty. Not thread-safe: owned by
 * whoever owns the {@link RegistrationThrottle}.
 */
final class TokenBucket {
    private final int burst;
    private final long refillMillis;
    private double tokens;
    private long lastMillis;

    TokenBucket(int burst, long refillMillis, long nowMillis) {
        this.burst = burst;
        this.refillMillis = refillMillis;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (double) (nowMillis - lastMillis) / refillMillis);
            lastMillis = nowMillis;
        }
    }

    /** 0 if a token is there (without taking it), else milliseconds until one will be. */
    long waitMillis(long nowMillis) {
        refill(nowMillis);
        return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * refillMillis);
    }

    void take() {
        tokens -= 1;
    }
}
