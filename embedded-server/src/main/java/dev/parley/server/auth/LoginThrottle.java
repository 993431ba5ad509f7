package dev.parley.server.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Slows down password guessing: after a few failures for the same account or the same address,
 * each further attempt must wait longer (doubling, up to a cap). Success clears the account's record.
 * Owned by the room thread.
 */
public final class LoginThrottle {
    private static final int FREE_ATTEMPTS = 3;
    private static final long BASE_DELAY_MS = 1_000;
    private static final long MAX_DELAY_MS = 60_000;
    private static final long FORGET_AFTER_MS = Duration.ofMinutes(15).toMillis();

    private final Map<String, Failures> byKey = new HashMap<>();
    private final LongSupplier clockMillis;

    public LoginThrottle(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /** Milliseconds the caller must still wait before trying these keys, 0 when allowed now. */
    public long waitMillis(String accountKey, String addressKey) {
        long now = clockMillis.getAsLong();
        return Math.max(waitFor("account:" + accountKey, now), waitFor("address:" + addressKey, now));
    }

    public void failed(String accountKey, String addressKey) {
        long now = clockMillis.getAsLong();
        record("account:" + accountKey, now);
        record("address:" + addressKey, now);
        if (byKey.size() > 10_000) {
            byKey.values().removeIf(failures -> now - failures.lastFailure > FORGET_AFTER_MS);
        }
    }

    /**
     * A correct password clears the account's record and the address's: people behind one address
     * (a LAN party's NAT, loopback) should not wait for someone else's typo. A guesser with one valid
     * account gains nothing, since the target account's own record still slows it down.
     */
    public void succeeded(String accountKey, String addressKey) {
        byKey.remove("account:" + accountKey);
        byKey.remove("address:" + addressKey);
    }

    private long waitFor(String key, long now) {
        Failures failures = byKey.get(key);
        if (failures == null || failures.count < FREE_ATTEMPTS) {
            return 0;
        }
        if (now - failures.lastFailure > FORGET_AFTER_MS) {
            byKey.remove(key);
            return 0;
        }
        long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(20, failures.count - FREE_ATTEMPTS));
        return Math.max(0, failures.lastFailure + delay - now);
    }

    private void record(String key, long now) {
        Failures failures = byKey.computeIfAbsent(key, k -> new Failures());
        failures.count++;
        failures.lastFailure = now;
    }

    private static final class Failures {
        int count;
        long lastFailure;
    }
}
