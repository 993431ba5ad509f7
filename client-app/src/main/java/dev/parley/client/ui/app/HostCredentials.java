package dev.parley.client.ui.app;

import java.util.Objects;

/**
 * The admin account this machine made for a room it hosts: generated on first use, kept so the host
 * signs in again next time. Local to this OS user (the preferences file is owner-only).
 */
public record HostCredentials(String username, String password) {
    public HostCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "HostCredentials[" + username + "]";
    }
}
