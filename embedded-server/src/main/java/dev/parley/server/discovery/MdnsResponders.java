package dev.parley.server.discovery;

import dev.parley.protocol.discovery.LanAnnouncement;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O half of announcing: one jmdns responder per bind address, each carrying the same service
 * instance. Registering, updating and withdrawing block (jmdns probes and waits for its goodbye
 * packets). Not thread-safe: only the {@link RoomAnnouncer}'s thread touches it.
 */
final class MdnsResponders {
    private static final Logger log = LoggerFactory.getLogger(MdnsResponders.class);

    private record Responder(InetAddress address, JmDNS jmdns, ServiceInfo info) {
    }

    private final List<Responder> responders = new ArrayList<>();

    /**
     * Registers the service on every address that works; an address that fails is logged and skipped.
     *
     * @return the addresses it is announced on
     */
    List<InetAddress> register(List<InetAddress> addresses, String hostName, String instanceName, LanAnnouncement first) {
        List<InetAddress> announced = new ArrayList<>();
        for (InetAddress address : addresses) {
            JmDNS jmdns = null;
            try {
                jmdns = JmDNS.create(address, hostName);
                // A service info can be registered with one jmdns only: one per responder.
                ServiceInfo info = ServiceInfo.create(LanAnnouncement.SERVICE_TYPE, instanceName, first.port(), 0, 0,
                        first.toTxt());
                jmdns.registerService(info);
                responders.add(new Responder(address, jmdns, info));
                announced.add(address);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot announce the room on {}: {}", address, e.toString());
                closeQuietly(jmdns);
            }
        }
        return announced;
    }

    /** Re-announces the TXT record (jmdns sends it again on each responder). */
    void update(LanAnnouncement announcement) {
        Map<String, String> txt = announcement.toTxt();
        for (Responder responder : responders) {
            try {
                responder.info().setText(txt);
            } catch (RuntimeException e) {
                log.warn("Cannot update the announcement on {}: {}", responder.address(), e.toString());
            }
        }
    }

    /**
     * Sends the goodbye packets (TTL 0) so browsers drop the room at once, and closes every responder.
     * jmdns waits for its goodbyes (a few seconds): the responders close side by side, not one after another.
     */
    void withdraw() {
        closeAll(responders.stream().map(Responder::jmdns).toList());
        responders.clear();
    }

    /** Closes the responders in parallel (each close unregisters its services first) and waits for all. */
    static void closeAll(List<JmDNS> instances) {
        List<Thread> closers = new ArrayList<>();
        for (JmDNS jmdns : instances) {
            Thread closer = new Thread(() -> {
                try {
                    // Goodbyes first, while jmdns's timers still run: close() alone stops them before
                    // the goodbyes go out, and browsers then keep the room until its records expire.
                    jmdns.unregisterAllServices();
                } catch (RuntimeException e) {
                    log.debug("Withdrawing: {}", e.toString());
                }
                closeQuietly(jmdns);
            }, "parley-lan-close");
            closer.setDaemon(true);
            closer.start();
            closers.add(closer);
        }
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void closeQuietly(JmDNS jmdns) {
        if (jmdns == null) {
            return;
        }
        try {
            jmdns.close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing mDNS: {}", e.toString());
        }
    }
}
