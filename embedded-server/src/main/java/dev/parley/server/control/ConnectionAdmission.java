package dev.parley.server.control;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which connections the control port keeps: at most {@code maxPerAddress} at a time from one address,
 * and none that dawdle before signing in (TLS and WebSocket handshake, {@code hello}, sign-in each have
 * a deadline counted from the TCP accept). Decisions only; {@link ControlServer} does the closing.
 * Thread-safe: the selector thread admits, the timer sweeps, worker threads release.
 */
final class ConnectionAdmission {
    /** How far a connection has got. */
    enum Stage { HANDSHAKING, AWAITING_HELLO, AWAITING_SIGN_IN, SIGNING_IN, SIGNED_IN }

    /**
     * How much longer than the sign-in deadline a connection may wait while its sign-in request is
     * with the room: then the room is the slow one (1,000 people joining a room of 9,000 at once queue
     * for two minutes), and dropping those who did ask would only make them ask again. Bounded, so a
     * client cannot hold its slot forever by keeping a request in flight.
     */
    static final int SERVER_SLOWNESS_ALLOWANCE = 4;

    /** What to do with a connection at a sweep. */
    enum Verdict { KEEP, HANDSHAKE_TOO_SLOW, HELLO_TOO_SLOW, SIGN_IN_TOO_SLOW }

    private final int maxPerAddress;
    private final long handshakeMillis;
    private final long helloMillis;
    private final long signInMillis;
    private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();

    ConnectionAdmission(int maxPerAddress, Duration handshake, Duration hello, Duration signIn) {
        this.maxPerAddress = maxPerAddress;
        this.handshakeMillis = handshake.toMillis();
        this.helloMillis = hello.toMillis();
        this.signInMillis = signIn.toMillis();
    }

    /** A new TCP connection from {@code address}; false means close it at once (and it is not counted). */
    boolean admit(InetAddress address) {
        boolean[] admitted = {false};
        perAddress.compute(address, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerAddress) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            refused.incrementAndGet();
        }
        return admitted[0];
    }

    /** An admitted connection ended. */
    void released(InetAddress address) {
        perAddress.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
    }

    Verdict check(Stage stage, long ageMillis) {
        Verdict verdict = switch (stage) {
            case HANDSHAKING -> ageMillis > handshakeMillis ? Verdict.HANDSHAKE_TOO_SLOW : Verdict.KEEP;
            case AWAITING_HELLO -> ageMillis > helloMillis ? Verdict.HELLO_TOO_SLOW : Verdict.KEEP;
            case AWAITING_SIGN_IN -> ageMillis > signInMillis ? Verdict.SIGN_IN_TOO_SLOW : Verdict.KEEP;
            case SIGNING_IN -> ageMillis > signInMillis * SERVER_SLOWNESS_ALLOWANCE ? Verdict.SIGN_IN_TOO_SLOW : Verdict.KEEP;
            case SIGNED_IN -> Verdict.KEEP;
        };
        if (verdict != Verdict.KEEP) {
            timedOut.incrementAndGet();
        }
        return verdict;
    }

    int connectionsFrom(InetAddress address) {
        return perAddress.getOrDefault(address, 0);
    }

    long refusedTotal() {
        return refused.get();
    }

    long timedOutTotal() {
        return timedOut.get();
    }
}
