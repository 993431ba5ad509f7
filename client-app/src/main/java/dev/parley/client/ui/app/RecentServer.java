package dev.parley.client.ui.app;

import java.util.Objects;

/**
 * A server joined before: where, as whom, and the room's name as it last introduced itself. Never
 * holds a password.
 *
 * @param roomName the room's own name (from its hello); empty when not known (older preferences)
 */
public record RecentServer(String host, int port, String username, boolean guest, String roomName) {
    public RecentServer {
        Objects.requireNonNull(host, "host");
        username = username == null ? "" : username;
        roomName = roomName == null ? "" : roomName.strip();
    }

    public RecentServer(String host, int port, String username, boolean guest) {
        this(host, port, username, guest, "");
    }

    /** "Game night — ann @ 192.168.1.5:7720": the room first, so rooms on one host tell apart. */
    public String label() {
        String where = (username.isEmpty() ? "" : username + " @ ") + host + ":" + port;
        return roomName.isEmpty() ? where : roomName + "  —  " + where;
    }

    boolean sameServer(RecentServer other) {
        return host.equalsIgnoreCase(other.host) && port == other.port;
    }
}
