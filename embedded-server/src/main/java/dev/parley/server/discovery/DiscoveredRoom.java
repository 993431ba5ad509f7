package dev.parley.server.discovery;

import dev.parley.protocol.discovery.LanAnnouncement;
import dev.parley.protocol.tls.Fingerprint;
import java.util.Objects;

/**
 * A room announced on the local network.
 *
 * @param serviceName  the DNS-SD instance name, unique on the network (two rooms of the same name differ here)
 * @param host         the address to connect to (IPv4 preferred)
 * @param announcement what the room says about itself
 */
public record DiscoveredRoom(String serviceName, String host, LanAnnouncement announcement) {
    public DiscoveredRoom {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(announcement, "announcement");
    }

    public String roomName() {
        return announcement.roomName();
    }

    public int port() {
        return announcement.port();
    }

    public boolean passwordRequired() {
        return announcement.passwordRequired();
    }

    /** Users online, or -1 when the room did not say. */
    public int usersOnline() {
        return announcement.usersOnline();
    }

    /** The certificate the room announced; null for a plain room. */
    public Fingerprint fingerprint() {
        return announcement.fingerprint();
    }

    /** {@code host:port}, IPv6 in brackets. */
    public String address() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port();
    }
}
