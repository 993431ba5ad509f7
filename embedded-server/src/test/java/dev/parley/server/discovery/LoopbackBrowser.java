package dev.parley.server.discovery;

import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A {@link RoomBrowser} bound to 127.0.0.1 only, keeping the lists it was handed. Tests look only at
 * rooms whose name carries their own tag, so other rooms on this machine's loopback do not matter.
 */
final class LoopbackBrowser implements AutoCloseable {
    static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());
    static final Duration WAIT = Duration.ofSeconds(30);

    private final List<List<DiscoveredRoom>> lists = new CopyOnWriteArrayList<>();
    private final RoomBrowser browser;

    LoopbackBrowser() {
        browser = RoomBrowser.browse(LOOPBACK, lists::add);
    }

    List<DiscoveredRoom> named(String tag) {
        return browser.rooms().stream().filter(room -> room.roomName().contains(tag)).toList();
    }

    /** Waits until the rooms carrying {@code tag} satisfy {@code condition}; returns them. */
    List<DiscoveredRoom> awaitRooms(String tag, Predicate<List<DiscoveredRoom>> condition) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> named(tag), condition);
    }

    /** Every list the browser reported, in order. */
    List<List<DiscoveredRoom>> lists() {
        return lists;
    }

    @Override
    public void close() {
        browser.close();
    }
}
