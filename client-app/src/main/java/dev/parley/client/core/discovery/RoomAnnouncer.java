package dev.parley.client.core.discovery;

import dev.parley.client.core.ClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.Map;
import java.util.UUID;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one hosted room on the LAN as {@value LanDiscovery#SERVICE_TYPE} with TXT room name, port
 * and whether a password is required. Thread-safe; {@link #close()} withdraws the announcement.
 * Creating one takes a moment (jmdns probes the network): never on the UI thread.
 */
public final class RoomAnnouncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomAnnouncer.class);

    private final JmDNS jmdns;
    private final ServiceInfo info;

    private RoomAnnouncer(JmDNS jmdns, ServiceInfo info) {
        this.jmdns = jmdns;
        this.info = info;
    }

    /** Announces on the interface of {@code bindAddress} (the LAN address; loopback works for tests). */
    public static RoomAnnouncer announce(InetAddress bindAddress, String roomName, int port, boolean passwordRequired) {
        // The instance name must be unique on the network; the room name travels in TXT.
        String instance = sanitize(roomName) + " " + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> txt = Map.of(
                LanDiscovery.TXT_ROOM, roomName,
                LanDiscovery.TXT_PORT, Integer.toString(port),
                LanDiscovery.TXT_PASSWORD, Boolean.toString(passwordRequired));
        ServiceInfo info = ServiceInfo.create(LanDiscovery.SERVICE_TYPE, instance, port, 0, 0, txt);
        JmDNS jmdns = null;
        try {
            jmdns = JmDNS.create(bindAddress);
            jmdns.registerService(info);
            log.info("Announcing room '{}' on port {} via {}", roomName, port, bindAddress);
            return new RoomAnnouncer(jmdns, info);
        } catch (IOException e) {
            closeQuietly(jmdns);
            throw new ClientException("Could not announce the room on the local network: " + e.getMessage(), e);
        }
    }

    private static String sanitize(String name) {
        String cleaned = name.replaceAll("[^\\p{L}\\p{N} _-]", "").strip();
        return cleaned.isEmpty() ? "Parley room" : cleaned.substring(0, Math.min(cleaned.length(), 40));
    }

    @Override
    public void close() {
        jmdns.unregisterService(info);
        closeQuietly(jmdns);
    }

    private static void closeQuietly(JmDNS jmdns) {
        if (jmdns == null) {
            return;
        }
        try {
            jmdns.close();
        } catch (IOException e) {
            log.debug("Closing mDNS: {}", e.toString());
        }
    }
}
