package dev.parley.server.discovery;

import dev.parley.protocol.discovery.LanAnnouncement;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import javax.jmdns.impl.JmDNSImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the rooms announced on the LAN and reports the whole list whenever a room appears, changes
 * (users online) or goes. Browses with one jmdns responder per address (see {@link LanInterfaces});
 * a room seen through several of them is listed once. The listener runs on a jmdns thread, never two
 * at once: hand off to the UI. Thread-safe. Creating one takes a moment: never on the UI thread.
 */
public final class RoomBrowser implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomBrowser.class);
    /**
     * Rooms kept at most: announcements are unauthenticated, and a machine flooding the LAN with
     * thousands of them must not grow the list (or the UI) without bound. Rooms already listed stay.
     */
    static final int MAX_ROOMS = 256;
    /**
     * How often each responder's cache is swept for expired records. A room that stops sends goodbyes
     * (TTL 0), which jmdns turns into "expires in 1 s" and reports as removed only when its record reaper
     * next sweeps the cache, every 10 s (a constant in jmdns): a stopped room stayed listed for up to 11 s.
     * Sweeping every second lists it for 1 to 2 s.
     */
    static final Duration SWEEP = Duration.ofSeconds(1);

    private final Consumer<? super List<DiscoveredRoom>> listener;
    private final List<JmDNS> responders = new ArrayList<>();
    /** Service name → what each responder (by its bind address) saw. Guarded by {@code this}. */
    private final Map<String, Map<InetAddress, DiscoveredRoom>> seen = new HashMap<>();
    private List<DiscoveredRoom> lastPublished = List.of();
    /** Sweeps the responders' caches every {@link #SWEEP}; null for a detached browser. */
    private ScheduledExecutorService sweeper;
    private boolean full;
    private volatile boolean closed;

    private RoomBrowser(Consumer<? super List<DiscoveredRoom>> listener) {
        this.listener = listener;
    }

    /** A browser with no responder, fed through {@link #saw} and {@link #forget} (tests of the merging). */
    static RoomBrowser detached(Consumer<? super List<DiscoveredRoom>> listener) {
        return new RoomBrowser(listener);
    }

    /**
     * Starts browsing on every address that works (one that fails is logged and skipped).
     *
     * @throws IllegalStateException when no address could be used
     */
    public static RoomBrowser browse(List<InetAddress> addresses, Consumer<? super List<DiscoveredRoom>> listener) {
        RoomBrowser browser = new RoomBrowser(listener);
        String hostName = "parley-browser-" + tag();
        List<String> failures = new ArrayList<>();
        for (InetAddress address : addresses) {
            try {
                JmDNS jmdns = JmDNS.create(address, hostName);
                synchronized (browser) {
                    browser.responders.add(jmdns);
                }
                jmdns.addServiceListener(LanAnnouncement.SERVICE_TYPE, browser.listenerFor(jmdns, address));
            } catch (IOException | RuntimeException e) {
                failures.add(address + ": " + e.getMessage());
            }
        }
        if (browser.responders.isEmpty()) {
            throw new IllegalStateException("Could not look for rooms on the local network"
                    + (failures.isEmpty() ? " (no network interface to use)" : ": " + String.join("; ", failures)));
        }
        failures.forEach(failure -> log.warn("Not looking for rooms on {}", failure));
        browser.startSweeping();
        return browser;
    }

    private void startSweeping() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread named = new Thread(task, "parley-lan-sweep");
            named.setDaemon(true);
            return named;
        });
        synchronized (this) {
            sweeper = thread;
        }
        thread.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sweeper thread: what jmdns's own reaper does, sooner. jmdns reports each removal once (its listener
     * bookkeeping drops a second report), and {@link #forget} ignores a room already gone.
     */
    private void sweep() {
        List<JmDNS> now;
        synchronized (this) {
            now = List.copyOf(responders);
        }
        for (JmDNS jmdns : now) {
            if (closed) {
                return;
            }
            if (jmdns instanceof JmDNSImpl impl) {
                try {
                    impl.cleanCache();
                } catch (RuntimeException e) {
                    log.debug("Sweeping the mDNS cache: {}", e.toString());
                }
            }
        }
    }

    private ServiceListener listenerFor(JmDNS jmdns, InetAddress via) {
        return new ServiceListener() {
            @Override
            public void serviceAdded(ServiceEvent event) {
                // Persistent: the resolver keeps listening, so a changed TXT record (users online) arrives
                // as another serviceResolved. Do not wait here: this is jmdns's listener thread.
                jmdns.requestServiceInfo(event.getType(), event.getName(), true, 1);
            }

            @Override
            public void serviceRemoved(ServiceEvent event) {
                forget(event.getName(), via);
            }

            @Override
            public void serviceResolved(ServiceEvent event) {
                DiscoveredRoom room = toRoom(event.getName(), event.getInfo());
                if (room != null) {
                    saw(room, via);
                }
            }
        };
    }

    /** The rooms seen now, by room name then address. */
    public synchronized List<DiscoveredRoom> rooms() {
        List<DiscoveredRoom> rooms = new ArrayList<>();
        for (Map<InetAddress, DiscoveredRoom> views : seen.values()) {
            views.values().stream().min(Comparator.comparing(room -> room.host().contains(":")))
                    .ifPresent(rooms::add);
        }
        rooms.sort(Comparator.comparing(DiscoveredRoom::roomName, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(DiscoveredRoom::address).thenComparing(DiscoveredRoom::serviceName));
        return Collections.unmodifiableList(rooms);
    }

    /** What one responder resolved; package-private so the merging can be tested without the network. */
    synchronized void saw(DiscoveredRoom room, InetAddress via) {
        if (!seen.containsKey(room.serviceName()) && seen.size() >= MAX_ROOMS) {
            if (!full) {
                full = true;
                log.warn("More than {} rooms announced on the LAN; ignoring further ones", MAX_ROOMS);
            }
            return;
        }
        seen.computeIfAbsent(room.serviceName(), name -> new LinkedHashMap<>()).put(via, room);
        publish();
    }

    synchronized void forget(String serviceName, InetAddress via) {
        Map<InetAddress, DiscoveredRoom> views = seen.get(serviceName);
        if (views != null && views.remove(via) != null) {
            if (views.isEmpty()) {
                seen.remove(serviceName);
            }
            publish();
        }
    }

    /** Holding the lock, so listeners see lists in order and never two at once. */
    private void publish() {
        List<DiscoveredRoom> rooms = rooms();
        if (closed || rooms.equals(lastPublished)) {
            return;
        }
        lastPublished = rooms;
        try {
            listener.accept(rooms);
        } catch (RuntimeException e) {
            log.warn("Room list listener failed", e);
        }
    }

    /** Null while the TXT record has not arrived yet (the first resolution often lacks it) or is unreadable. */
    static DiscoveredRoom toRoom(String serviceName, ServiceInfo info) {
        if (info == null) {
            return null;
        }
        InetAddress[] addresses = info.getInetAddresses();
        if (addresses.length == 0) {
            return null;
        }
        Map<String, String> txt = new HashMap<>();
        Collections.list(info.getPropertyNames()).forEach(key -> {
            String value = info.getPropertyString(key);
            if (value != null) {
                txt.put(key, value);
            }
        });
        if (txt.isEmpty()) {
            return null;
        }
        LanAnnouncement announcement;
        try {
            announcement = LanAnnouncement.fromTxt(txt, info.getPort());
        } catch (IllegalArgumentException e) {
            log.debug("Ignoring the announcement '{}': {}", serviceName, e.getMessage());
            return null;
        }
        InetAddress address = addresses[0];
        for (InetAddress candidate : addresses) {
            if (candidate instanceof Inet4Address) {
                address = candidate;
                break;
            }
        }
        return new DiscoveredRoom(serviceName, address.getHostAddress(), announcement);
    }

    @Override
    public void close() {
        closed = true;
        List<JmDNS> toClose;
        ScheduledExecutorService sweeping;
        synchronized (this) {
            toClose = List.copyOf(responders);
            responders.clear();
            sweeping = sweeper;
        }
        if (sweeping != null) {
            // A sweep under way finishes before its responder closes (it takes milliseconds).
            sweeping.shutdown();
            try {
                sweeping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MdnsResponders.closeAll(toClose);
    }

    private static String tag() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
