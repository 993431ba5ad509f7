package dev.parley.client.ui.app;

import java.util.Objects;

/** A server joined before: where, and as whom. Never holds a password. */
public record RecentServer(String host, int port, String username, boolean guest) {
    public RecentServer {
        Objects.requireNonNull(host, "host");
        username = username == null ? "" : username;
    }

    public String label() {
        return (username.isEmpty() ? "" : username + " @ ") + host + ":" + port;
    }

    boolean sameServer(RecentServer other) {
        return host.equalsIgnoreCase(other.host) && port == other.port;
    }
}
