package dev.parley.client.core.discovery;

import java.util.Objects;

/**
 * A room announced on the local network.
 *
 * @param serviceName the mDNS instance name, unique on the network
 * @param roomName    what the host called the room
 * @param host        an address to connect to (IPv4 preferred)
 * @param port        the room's control port
 * @param passwordRequired whether registering or joining as a guest needs the room password
 */
public record DiscoveredRoom(String serviceName, String roomName, String host, int port, boolean passwordRequired) {
    public DiscoveredRoom {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(roomName, "roomName");
        Objects.requireNonNull(host, "host");
    }
}
