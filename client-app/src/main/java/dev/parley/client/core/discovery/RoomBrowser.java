package dev.parley.client.core.discovery;

import dev.parley.client.core.ClientException;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the rooms announced on the LAN and reports the whole list whenever a room appears or goes.
 * The listener runs on a jmdns thread: hand off to the UI. Thread-safe. Creating one takes a moment:
 * never on the UI thread.
 */
public final class RoomBrowser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomBrowser.class);

    private final JmDNS jmdns;
    private final Consumer<? super List<DiscoveredRoom>> listener;
    private final Map<String, DiscoveredRoom> rooms = new ConcurrentHashMap<>();
    private final ServiceListener serviceListener = new ServiceListener() {
        @Override
        public void serviceAdded(ServiceEvent event) {
            // Ask for the details; they arrive in serviceResolved (TXT may need a second one).
            jmdns.requestServiceInfo(event.getType(), event.getName());
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            if (rooms.remove(event.getName()) != null) {
                publish();
            }
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            DiscoveredRoom room = toRoom(event.getName(), event.getInfo());
            if (room != null && !room.equals(rooms.put(event.getName(), room))) {
                publish();
            }
        }
    };

    private RoomBrowser(JmDNS jmdns, Consumer<? super List<DiscoveredRoom>> listener) {
        this.jmdns = jmdns;
        this.listener = listener;
    }

    /** Starts browsing on the interface of {@code bindAddress}; {@code listener} gets every new list. */
    public static RoomBrowser browse(InetAddress bindAddress, Consumer<? super List<DiscoveredRoom>> listener) {
        try {
            JmDNS jmdns = JmDNS.create(bindAddress);
            RoomBrowser browser = new RoomBrowser(jmdns, listener);
            jmdns.addServiceListener(LanDiscovery.SERVICE_TYPE, browser.serviceListener);
            return browser;
        } catch (IOException e) {
            throw new ClientException("Could not look for rooms on the local network: " + e.getMessage(), e);
        }
    }

    public List<DiscoveredRoom> rooms() {
        return rooms.values().stream()
                .sorted(Comparator.comparing(DiscoveredRoom::roomName, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    private void publish() {
        try {
            listener.accept(rooms());
        } catch (RuntimeException e) {
            log.warn("Room list listener failed", e);
        }
    }

    /** Null while the TXT record has not arrived yet (the first resolution often lacks it). */
    static DiscoveredRoom toRoom(String serviceName, ServiceInfo info) {
        if (info == null) {
            return null;
        }
        String roomName = info.getPropertyString(LanDiscovery.TXT_ROOM);
        InetAddress[] addresses = info.getInetAddresses();
        if (roomName == null || addresses.length == 0) {
            return null;
        }
        InetAddress address = addresses[0];
        for (InetAddress candidate : addresses) {
            if (candidate instanceof Inet4Address) {
                address = candidate;
                break;
            }
        }
        int port = parsePort(info.getPropertyString(LanDiscovery.TXT_PORT), info.getPort());
        boolean password = Boolean.parseBoolean(info.getPropertyString(LanDiscovery.TXT_PASSWORD));
        return new DiscoveredRoom(serviceName, roomName, address.getHostAddress(), port, password);
    }

    private static int parsePort(String text, int fallback) {
        try {
            return text == null ? fallback : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        jmdns.removeServiceListener(LanDiscovery.SERVICE_TYPE, serviceListener);
        try {
            jmdns.close();
        } catch (IOException e) {
            log.debug("Closing mDNS: {}", e.toString());
        }
    }
}
