package dev.parley.client.core.net;

/** Where a {@link ControlClient} stands with its server. */
public enum ConnectionState {
    /** Opening the socket, saying hello and signing in for the first time. */
    CONNECTING,
    /** Signed in; requests go straight out. */
    CONNECTED,
    /** The connection dropped by itself; retrying with back-off and resuming the session. */
    RECONNECTING,
    /** Not connected and not trying: never connected, closed by the user, refused, kicked or replaced. */
    DISCONNECTED
}
