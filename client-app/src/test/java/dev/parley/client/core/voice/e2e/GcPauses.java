package dev.parley.client.core.voice.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Records every garbage collection of this JVM while open, from the collectors' own notifications: name,
 * cause and duration. For ZGC and Shenandoah the "pauses" collector reports pause time and the "cycles"
 * collector the concurrent cycle (not a pause); {@link #pausesMs()} keeps only what stops the application.
 * Thread-safe: notifications arrive on a JMX thread.
 */
final class GcPauses implements AutoCloseable {

    record Gc(String collector, String action, String cause, long durationMs) {
        /** Whether the application threads were stopped for this one (not a concurrent cycle). */
        boolean stopsTheWorld() {
            return !collector.endsWith("Cycles") && !action.contains("concurrent")
                    && !collector.contains("Concurrent GC");
        }
    }

    private final List<Gc> seen = new ArrayList<>();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;

    GcPauses() {
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (bean instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        synchronized (seen) {
            seen.add(new Gc(info.getGcName(), info.getGcAction(), info.getGcCause(), info.getGcInfo().getDuration()));
        }
    }

    List<Gc> all() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** Stop-the-world pause durations in ms, sorted. */
    long[] pausesMs() {
        return all().stream().filter(Gc::stopsTheWorld).mapToLong(Gc::durationMs).sorted().toArray();
    }

    /** The collectors this JVM runs, e.g. "G1 Young Generation, G1 Old Generation". */
    static String collectors() {
        return String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // never added: nothing to remove
            }
        }
    }
}
