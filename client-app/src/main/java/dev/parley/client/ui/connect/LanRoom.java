package dev.parley.client.ui.connect;

import dev.parley.server.discovery.DiscoveredRoom;
import java.util.Objects;

/**
 * One row of the LAN list: a room found on the network and how far away it is.
 *
 * @param pingMillis the last TCP round trip to its port in milliseconds; -1 while unmeasured or unanswered
 */
public record LanRoom(DiscoveredRoom room, long pingMillis) {
    public LanRoom {
        Objects.requireNonNull(room, "room");
    }

    /** What the list shows: name, users online, ping and whether the room is locked. */
    public String label() {
        StringBuilder text = new StringBuilder(room.roomName());
        text.append("  —  ");
        int users = room.usersOnline();
        text.append(users < 0 ? "? online" : users + " online");
        text.append("  ·  ").append(pingMillis < 0 ? "… ms" : pingMillis == 0 ? "<1 ms" : pingMillis + " ms");
        text.append("  ·  ").append(room.passwordRequired() ? "locked" : "open");
        text.append("  ·  ").append(room.address());
        return text.toString();
    }
}
