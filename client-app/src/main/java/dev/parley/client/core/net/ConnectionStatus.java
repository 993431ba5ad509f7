package dev.parley.client.core.net;

import java.util.Objects;

/**
 * A state and why the client is in it.
 *
 * @param message a short sentence a user may see (the server's words where it gave some); empty when there is nothing to say
 * @param nextAttemptAt while reconnecting: when the next try starts (epoch ms, so a UI can count down); 0 when none is scheduled
 */
public record ConnectionStatus(ConnectionState state, Reason reason, String message, long nextAttemptAt) {
    /** Why the client is where it is; DISCONNECTED statuses say whether reconnecting by hand makes sense. */
    public enum Reason {
        NONE,
        /** The user asked to disconnect. */
        CLOSED_BY_USER,
        /** The server could not be reached or the connection broke before sign-in finished. */
        UNREACHABLE,
        /** The server refused to sign in (wrong password, name taken, ...). */
        REFUSED,
        /** The saved session token was refused (expired, or the room was reset): sign in again. */
        SESSION_EXPIRED,
        /** A moderator removed this user (kick or ban), or the account was deleted: no reconnecting. */
        KICKED,
        /** The same account signed in somewhere else. */
        REPLACED,
        /** The server speaks another protocol version. */
        UNSUPPORTED_VERSION,
        /** The connection dropped by itself; the client is getting it back. */
        CONNECTION_LOST,
        /** The host stopped or restarted the room after saying so ({@code room.closing}); the client is getting it back. */
        ROOM_CLOSED,
        /** Waiting for the user to decide whether to trust a room seen for the first time. */
        AWAITING_TRUST,
        /** The room's certificate is not trusted: the user (or the headless flags) said no. */
        UNTRUSTED,
        /**
         * The room showed a different certificate from the one trusted before: someone may be
         * impersonating it. Never accepted silently; the user has to forget the old fingerprint.
         */
        FINGERPRINT_CHANGED
    }

    public ConnectionStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        message = message == null ? "" : message;
    }

    public ConnectionStatus(ConnectionState state, Reason reason, String message) {
        this(state, reason, message, 0);
    }

    /** The same status with the time of the next reconnect attempt. */
    ConnectionStatus withNextAttemptAt(long epochMillis) {
        return new ConnectionStatus(state, reason, message, epochMillis);
    }

    static ConnectionStatus of(ConnectionState state) {
        return new ConnectionStatus(state, Reason.NONE, "");
    }
}
