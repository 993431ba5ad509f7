package dev.parley.client.core.net;

import java.util.Objects;

/**
 * How a {@link ControlClient} decides whether a {@code wss://} room is the one it means: the rooms
 * already trusted, and whom to ask about a new one. Plain {@code ws://} addresses do not use it.
 */
public record ServerTrust(KnownServers known, FingerprintDecision decision) {
    public ServerTrust {
        Objects.requireNonNull(known, "known");
        Objects.requireNonNull(decision, "decision");
    }

    /** The user's own trusted rooms; a new room is refused unless it is already trusted there. */
    public static ServerTrust userDefault() {
        return new ServerTrust(KnownServers.userDefault(), FingerprintDecision.refuseUnknown());
    }
}
