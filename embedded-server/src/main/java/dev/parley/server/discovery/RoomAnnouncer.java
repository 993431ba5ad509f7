package dev.parley.server.discovery;

import dev.parley.protocol.discovery.LanAnnouncement;
import dev.parley.server.ParleyServer;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one running room on the LAN as {@value LanAnnouncement#SERVICE_TYPE} and keeps the
 * announcement current: it reads the room's state every {@code poll} and sends a changed TXT record
 * through an {@link AnnouncementThrottle}. {@link #close()} withdraws it. Starting never blocks: the
 * mDNS work runs on the announcer's own thread ({@code parley-lan-announce}), the only thread that
 * touches the responders. Public methods are thread-safe.
 */
public final class RoomAnnouncer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomAnnouncer.class);
    /** How often the room's state is read. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** At most one TXT update per this interval (each update is a short burst of multicast packets). */
    public static final Duration MIN_UPDATE_INTERVAL = Duration.ofSeconds(3);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ScheduledExecutorService thread;
    private final Supplier<LanAnnouncement> state;
    private final MdnsResponders responders = new MdnsResponders();
    private final long minIntervalMillis;
    private final CompletableFuture<List<InetAddress>> started = new CompletableFuture<>();
    private final String instanceName;
    /** Announcer thread only (as are {@link #responders}). */
    private AnnouncementThrottle throttle;
    private ScheduledFuture<?> polling;
    private volatile boolean closed;

    private RoomAnnouncer(Supplier<LanAnnouncement> state, String instanceName, long minIntervalMillis) {
        this.state = state;
        this.instanceName = instanceName;
        this.minIntervalMillis = minIntervalMillis;
        this.thread = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread named = new Thread(task, "parley-lan-announce");
            named.setDaemon(true);
            return named;
        });
    }

    /** Announces {@code server} on {@code addresses} with the default poll and rate limit. */
    public static RoomAnnouncer start(ParleyServer server, List<InetAddress> addresses) {
        return start(() -> announcementOf(server), addresses, POLL, MIN_UPDATE_INTERVAL);
    }

    /**
     * @param state        the room's current announcement; called on the announcer thread, may block briefly
     * @param addresses    where to announce (see {@link LanInterfaces})
     * @param poll         how often {@code state} is read
     * @param minInterval  the least time between two TXT updates
     */
    public static RoomAnnouncer start(Supplier<LanAnnouncement> state, List<InetAddress> addresses, Duration poll,
                                      Duration minInterval) {
        Objects.requireNonNull(state, "state");
        List<InetAddress> on = List.copyOf(addresses);
        LanAnnouncement first = state.get();
        RoomAnnouncer announcer = new RoomAnnouncer(state, instanceName(first.roomName()), minInterval.toMillis());
        announcer.thread.execute(() -> announcer.register(on, first));
        announcer.polling = announcer.thread.scheduleWithFixedDelay(announcer::refresh, poll.toMillis(), poll.toMillis(),
                TimeUnit.MILLISECONDS);
        return announcer;
    }

    /**
     * What a running room announces now: its settings as they stand (an admin may have renamed it or
     * changed its password since it started); asks the room thread for the users online.
     */
    public static LanAnnouncement announcementOf(ParleyServer server) {
        dev.parley.server.settings.RoomSettings settings = server.settings();
        return new LanAnnouncement(settings.name(), server.port(), server.voicePort(),
                server.fingerprint().orElse(null), settings.password() != null, server.usersOnline(),
                dev.parley.protocol.ProtocolVersion.CURRENT, dev.parley.server.auth.AuthHandlers.VERSION);
    }

    /** Completes with the addresses the room is announced on once the responders are up (empty if none came up). */
    public CompletableFuture<List<InetAddress>> started() {
        return started;
    }

    /** The DNS-SD instance name: the room name made label-safe plus a random tag, unique on the network. */
    public String instanceName() {
        return instanceName;
    }

    private void register(List<InetAddress> addresses, LanAnnouncement first) {
        try {
            String host = "parley-" + randomTag();
            List<InetAddress> announced = responders.register(addresses, host, instanceName, first);
            throttle = new AnnouncementThrottle(first, System.currentTimeMillis(), minIntervalMillis);
            if (!announced.isEmpty()) {
                log.info("Room '{}' announced on the LAN as '{}' on {}", first.roomName(), instanceName, announced);
            }
            started.complete(announced);
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    /** Announcer thread: reads the state, sends what the throttle lets through. */
    private void refresh() {
        if (throttle == null || closed) {
            return;
        }
        try {
            long now = System.currentTimeMillis();
            throttle.offer(state.get(), now).or(() -> throttle.poll(now)).ifPresent(next -> {
                log.debug("Updating the LAN announcement: {}", next);
                responders.update(next);
            });
        } catch (RuntimeException e) {
            log.warn("Could not refresh the LAN announcement: {}", e.toString());
        }
    }

    /** Withdraws the announcement (goodbye packets) and stops the thread; waits up to a few seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        polling.cancel(false);
        CompletableFuture<Void> withdrawn = CompletableFuture.runAsync(responders::withdraw, thread);
        try {
            withdrawn.get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("The LAN announcement was not withdrawn cleanly: {}", e.toString());
        }
        thread.shutdownNow();
    }

    static String instanceName(String roomName) {
        String cleaned = roomName.replaceAll("[^\\p{L}\\p{N} _-]", "").strip();
        if (cleaned.isEmpty()) {
            cleaned = "Parley room";
        }
        // A DNS label is at most 63 bytes; the tag takes 9 of them.
        StringBuilder cut = new StringBuilder();
        cleaned.codePoints().takeWhile(codePoint -> {
            String next = cut + Character.toString(codePoint);
            return next.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 50;
        }).forEach(cut::appendCodePoint);
        cleaned = cut.toString().strip();
        return cleaned + " [" + randomTag() + "]";
    }

    private static String randomTag() {
        byte[] bytes = new byte[3];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
