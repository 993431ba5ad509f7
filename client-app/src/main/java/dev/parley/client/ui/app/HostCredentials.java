package dev.parley.client.ui.app;

import java.util.Objects;

/**
 * The admin account this machine made for a room it hosts: generated on first use, kept so the host
 * signs in again next time. Local to this OS user (the preferences file is owner-only).
 *
 * @param roomName the room's name as last seen (renamed from the app, it is the new one), so hosting
 *                 that name again opens the same folder; null in preferences from before it was kept
 */
public record HostCredentials(String username, String password, String roomName) {
    public HostCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public HostCredentials(String username, String password) {
        this(username, password, null);
    }

    public HostCredentials named(String name) {
        return new HostCredentials(username, password, name);
    }

    @Override
    public String toString() {
        return "HostCredentials[" + username + "]";
    }
}
