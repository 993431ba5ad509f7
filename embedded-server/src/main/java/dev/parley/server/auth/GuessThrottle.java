package dev.parley.server.auth;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Decides, when a guess at a secret arrives, whether it may be checked now: account passwords, the
 * room's server password, channel passwords, the admin claim. A pure engine (no I/O, injected clock),
 * owned by the room thread.
 *
 * <p>Rules, each closing a hole a pipelining guesser used:
 * <ul>
 * <li>An attempt counts as a failure the moment it is admitted, not when the slow hash finishes; a
 *     correct answer takes that back. Pipelined guesses therefore meet the wait at once.</li>
 * <li>At most one check in flight per secret and per address: the rest are told to retry shortly, so
 *     one attacker cannot fill the hashing pool that genuine sign-ins need.</li>
 * <li>After {@value #FREE_FAILURES} failures a secret, or an address, waits 1 s, then 2 s, 4 s ... up to
 *     a minute between attempts; the record is forgotten 15 minutes after its last failure.</li>
 * <li>Globally, when more than {@value #GLOBAL_FAILURES} failures fell within a minute, only addresses
 *     with a clean record are admitted: a distributed guesser stalls, people who type right still get in.</li>
 * <li>An address with a clean record, or one that once answered the secret correctly, is spared that
 *     secret's own wait (never the address's): an attack on someone's account, or on the room password,
 *     does not lock out the people who know it. Each guessing address thus gets one guess before the
 *     secret's wait applies to it too.</li>
 * </ul>
 */
public final class GuessThrottle {
    static final int FREE_FAILURES = 3;
    static final long BASE_DELAY_MS = 1_000;
    static final long MAX_DELAY_MS = 60_000;
    static final long FORGET_AFTER_MS = 15 * 60_000;
    static final int GLOBAL_FAILURES = 100;
    static final long GLOBAL_WINDOW_MS = 60_000;
    static final int MAX_IN_FLIGHT = 8;
    /** How soon to retry when a check for the same secret or address is still running. */
    static final long BUSY_RETRY_MS = 250;
    /** A check that never reported back (its executor refused it, the database failed) stops blocking after this. */
    static final long IN_FLIGHT_TIMEOUT_MS = 10_000;
    private static final int MAX_RECORDS = 50_000;
    private static final int MAX_TRUSTED = 50_000;

    /** What to tell the guesser: go ahead (and report the result), or wait. */
    public sealed interface Verdict {
    }

    /** Check the secret, then call {@link #finished(Attempt, boolean)} exactly once. */
    public record Attempt(String secret, String address, long startedAt) implements Verdict {
    }

    public record Wait(long millis, String why) implements Verdict {
    }

    private final LongSupplier clockMillis;
    private final Map<String, Failures> records = new HashMap<>();
    private final Map<String, Long> inFlight = new HashMap<>();
    private final ArrayDeque<Long> recentFailures = new ArrayDeque<>();
    private final Set<String> trusted = new LinkedHashSet<>();

    public GuessThrottle(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    /**
     * @param secret  which secret is guessed, e.g. {@code account:ann}, {@code room}, {@code channel:7}
     * @param address where the guess comes from (see {@link #addressKey})
     */
    public Verdict begin(String secret, String address) {
        long now = clockMillis.getAsLong();
        String secretKey = "secret:" + secret;
        String addressKey = "address:" + address;
        inFlight.values().removeIf(started -> now - started > IN_FLIGHT_TIMEOUT_MS);
        if (inFlight.containsKey(secretKey) || inFlight.containsKey(addressKey) || inFlight.size() >= 2 * MAX_IN_FLIGHT) {
            return new Wait(BUSY_RETRY_MS, "busy");
        }
        // The secret's own wait stops guessers, who soon have failures of their own; it spares an
        // address with a clean record, and one that answered this secret before, so that an attack on
        // a secret does not lock out the people who know it.
        boolean spared = !records.containsKey(addressKey) || trusted.contains(secret + "\n" + address);
        long wait = Math.max(spared ? 0 : waitFor(secretKey, now), waitFor(addressKey, now));
        if (wait > 0) {
            return new Wait(wait, "failures");
        }
        long globalWait = globalWait(now);
        if (globalWait > 0 && records.containsKey(addressKey)) {
            return new Wait(globalWait, "room under attack");
        }
        countFailure(secretKey, now);
        countFailure(addressKey, now);
        inFlight.put(secretKey, now);
        inFlight.put(addressKey, now);
        prune(now);
        return new Attempt(secret, address, now);
    }

    /** Reports the outcome of an admitted attempt. */
    public void finished(Attempt attempt, boolean correct) {
        long now = clockMillis.getAsLong();
        String secretKey = "secret:" + attempt.secret();
        String addressKey = "address:" + attempt.address();
        inFlight.remove(secretKey, attempt.startedAt());
        inFlight.remove(addressKey, attempt.startedAt());
        if (correct) {
            // Take back the provisional failure; people behind one address (a LAN party's NAT) should
            // not wait for someone else's typo, and a guesser gains nothing: the secret it guesses at
            // keeps its own record.
            records.remove(secretKey);
            records.remove(addressKey);
            trusted.remove(attempt.secret() + "\n" + attempt.address());
            trusted.add(attempt.secret() + "\n" + attempt.address());
            if (trusted.size() > MAX_TRUSTED) {
                trusted.remove(trusted.iterator().next());
            }
            return;
        }
        touch(secretKey, now);
        touch(addressKey, now);
        recentFailures.addLast(now);
        while (recentFailures.size() > GLOBAL_FAILURES) {
            recentFailures.removeFirst();
        }
    }

    /** Attempts admitted and not yet finished, for metrics and tests. */
    public int inFlight() {
        return inFlight.size() / 2;
    }

    /**
     * The address a throttle counts by: the IPv4 address, or the /64 of an IPv6 address (one host
     * usually owns a whole /64 and could otherwise walk through it).
     */
    public static String addressKey(java.net.InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && !address.isLoopbackAddress()) {
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix + "::/64";
        }
        return address.getHostAddress();
    }

    private long globalWait(long now) {
        while (!recentFailures.isEmpty() && now - recentFailures.peekFirst() > GLOBAL_WINDOW_MS) {
            recentFailures.removeFirst();
        }
        if (recentFailures.size() < GLOBAL_FAILURES) {
            return 0;
        }
        return Math.max(1, recentFailures.peekFirst() + GLOBAL_WINDOW_MS - now);
    }

    private long waitFor(String key, long now) {
        Failures failures = records.get(key);
        if (failures == null) {
            return 0;
        }
        if (now - failures.last > FORGET_AFTER_MS) {
            records.remove(key);
            return 0;
        }
        if (failures.count < FREE_FAILURES) {
            return 0;
        }
        long delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(20, failures.count - FREE_FAILURES));
        return Math.max(0, failures.last + delay - now);
    }

    private void countFailure(String key, long now) {
        Failures failures = records.computeIfAbsent(key, k -> new Failures());
        failures.count++;
        failures.last = now;
    }

    private void touch(String key, long now) {
        Failures failures = records.get(key);
        if (failures != null) {
            failures.last = now;
        }
    }

    private void prune(long now) {
        if (records.size() > MAX_RECORDS) {
            records.values().removeIf(failures -> now - failures.last > FORGET_AFTER_MS);
        }
    }

    private static final class Failures {
        int count;
        long last;
    }
}
