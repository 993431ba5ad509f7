package dev.parley.server.control;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits on control connections before they sign in: how many one address may hold, and how long
 * each step may take counted from the TCP accept (TLS plus WebSocket handshake, {@code hello},
 * sign-in). Immutable.
 */
public record ConnectionPolicy(int maxPerAddress, Duration handshake, Duration hello, Duration signIn) {
    /**
     * A LAN room: 32 connections per address, 10 s to handshake, 15 s to say hello, 30 s to sign in
     * (generous: a busy host still finishes a TLS handshake, an idle attacker still leaves soon).
     */
    public static final ConnectionPolicy DEFAULT =
            new ConnectionPolicy(32, Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30));

    public ConnectionPolicy {
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(hello, "hello");
        Objects.requireNonNull(signIn, "signIn");
        if (maxPerAddress < 1) {
            throw new IllegalArgumentException("maxPerAddress must be at least 1");
        }
    }

    /** The same cap with every deadline set to {@code deadline}. */
    public ConnectionPolicy withDeadlines(Duration deadline) {
        return new ConnectionPolicy(maxPerAddress, deadline, deadline, deadline);
    }

    public ConnectionPolicy withMaxPerAddress(int value) {
        return new ConnectionPolicy(value, handshake, hello, signIn);
    }
}
