package dev.parley.client.core.net;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from an initial delay up to a cap, each spread by a random jitter so
 * that many clients dropped by one server restart do not all knock again at the same instant.
 * Immutable; thread-safe if the random source is.
 */
final class Backoff {
    private final long initialMillis;
    private final long maxMillis;
    private final double jitter;
    private final DoubleSupplier random;

    /** @param random values in [0, 1) */
    Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = Math.max(initial.toMillis(), max.toMillis());
        this.jitter = jitter;
        this.random = random;
    }

    /** The delay before attempt {@code attempt} (0 for the first retry). */
    long delayMillis(int attempt) {
        long base = initialMillis;
        for (int i = 0; i < attempt && base < maxMillis; i++) {
            base *= 2;
        }
        base = Math.min(base, maxMillis);
        double spread = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Math.max(1, Math.round(base * spread));
    }
}
