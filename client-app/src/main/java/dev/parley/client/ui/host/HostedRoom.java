package dev.parley.client.ui.host;

import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.discovery.LanInterfaces;
import dev.parley.server.discovery.RoomAnnouncer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A room server running inside this app, announced on the LAN. Starting and closing block (the
 * database opens and closes): never on the UI thread. Thread-safe.
 */
public final class HostedRoom implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HostedRoom.class);

    private final ParleyServer server;
    private final RoomAnnouncer announcer;
    private final String roomName;
    private final Path dataDir;

    private HostedRoom(ParleyServer server, RoomAnnouncer announcer, String roomName, Path dataDir) {
        this.server = server;
        this.announcer = announcer;
        this.roomName = roomName;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on {@code dataDir} and announces it on the LAN (when that fails the room still
     * runs; people type the address).
     *
     * @param adminUsername the only account that may claim admin with {@link #adminClaimCode()}
     * @param announce      false in tests that don't want mDNS traffic
     */
    public static HostedRoom start(String roomName, int port, String password, Path dataDir, String adminUsername,
                                   boolean announce) {
        ServerConfig config = ServerConfig.builder(dataDir).roomName(roomName).port(port).voicePort(port)
                .httpPort(-1).serverPassword(password).admin(adminUsername).build();
        ParleyServer server = ParleyServer.start(config);
        RoomAnnouncer announcer = null;
        if (announce) {
            try {
                // Every LAN interface, IPv4 and IPv6 (tests: loopback, see LanInterfaces.PROPERTY).
                announcer = RoomAnnouncer.start(server, LanInterfaces.defaults());
            } catch (RuntimeException e) {
                log.warn("Room runs but is not announced on the LAN: {}", e.getMessage());
            }
        }
        return new HostedRoom(server, announcer, roomName, dataDir);
    }

    public int port() {
        return server.port();
    }

    /**
     * The one-time code that makes this room's first admin; empty once the room has one. The host's own
     * session claims with it right after signing in, so no stranger can win a race for admin.
     */
    public Optional<String> adminClaimCode() {
        return server.adminClaimCode();
    }

    /** The room certificate's SHA-256 fingerprint, for people joining to compare; empty for a plain room. */
    public Optional<Fingerprint> fingerprint() {
        return server.fingerprint();
    }

    public String roomName() {
        return roomName;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** "address:port" others can type to join: each non-loopback IPv4 address of this machine. */
    public List<String> addresses() {
        List<String> result = new ArrayList<>();
        for (InetAddress address : ipv4Addresses()) {
            result.add(address.getHostAddress() + ":" + port());
        }
        if (result.isEmpty()) {
            result.add("127.0.0.1:" + port());
        }
        return result;
    }

    static List<InetAddress> ipv4Addresses() {
        List<InetAddress> found = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        found.add(address);
                    }
                }
            }
        } catch (SocketException e) {
            log.warn("Could not list network interfaces: {}", e.getMessage());
        }
        return found;
    }

    /** Withdraws the announcement and stops the server; the room's data stays in {@link #dataDir()}. */
    @Override
    public void close() {
        if (announcer != null) {
            announcer.close();
        }
        // Everyone in the room is told the host closed it (room.closing), then disconnected.
        server.shutdown(java.time.Duration.ZERO, false);
        log.info("Hosted room '{}' stopped; data kept in {}", roomName, dataDir);
    }
}
