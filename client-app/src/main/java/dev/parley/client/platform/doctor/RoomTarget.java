package dev.parley.client.platform.doctor;

import dev.parley.client.core.net.JoinLink;

/**
 * The room {@code parley doctor} checks: from {@code host[:port]} or a {@code parley://} link.
 *
 * @param plain connect with {@code ws://} (a room started with {@code --plain})
 */
public record RoomTarget(String host, int port, boolean plain) {
    public RoomTarget {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("Name the room as host[:port] or a parley:// link.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port is a number from 1 to 65535.");
        }
    }

    /** @throws IllegalArgumentException with a sentence for the user when it is neither form */
    public static RoomTarget parse(String text, boolean plain) {
        String value = text == null ? "" : text.strip();
        if (JoinLink.isLink(value)) {
            JoinLink link = JoinLink.parse(value);
            return new RoomTarget(link.host(), link.port(), plain);
        }
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) {
            try {
                return new RoomTarget(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)), plain);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The port in " + value + " is not a number.");
            }
        }
        return new RoomTarget(value, JoinLink.DEFAULT_PORT, plain);
    }

    /** As {@code KnownServers} keys rooms. */
    public String hostPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
