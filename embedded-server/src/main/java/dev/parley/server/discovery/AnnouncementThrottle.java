package dev.parley.server.discovery;

import dev.parley.protocol.discovery.LanAnnouncement;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when a changed announcement goes out, so that people coming and going do not flood the
 * network with mDNS packets: at most one update per {@code minIntervalMillis}; changes in between are
 * folded into one trailing update carrying the latest state, and a change that is undone before it
 * went out sends nothing. Sans-I/O: the caller passes the time and sends what it is told. Not
 * thread-safe: one thread (the announcer's) uses it.
 */
final class AnnouncementThrottle {
    private final long minIntervalMillis;
    private LanAnnouncement published;
    private LanAnnouncement pending;
    private long lastSentAt;

    /** @param first the announcement registered at start, sent at {@code now} */
    AnnouncementThrottle(LanAnnouncement first, long now, long minIntervalMillis) {
        if (minIntervalMillis < 0) {
            throw new IllegalArgumentException("minimum interval must not be negative");
        }
        this.published = Objects.requireNonNull(first, "first");
        this.lastSentAt = now;
        this.minIntervalMillis = minIntervalMillis;
    }

    /** The state now; returns what to send now, if anything. */
    Optional<LanAnnouncement> offer(LanAnnouncement current, long now) {
        Objects.requireNonNull(current, "current");
        if (current.equals(published)) {
            pending = null;
            return Optional.empty();
        }
        pending = current;
        return poll(now);
    }

    /** The pending update if its time has come. */
    Optional<LanAnnouncement> poll(long now) {
        if (pending == null || now - lastSentAt < minIntervalMillis) {
            return Optional.empty();
        }
        published = pending;
        pending = null;
        lastSentAt = now;
        return Optional.of(published);
    }

    /** When the pending update may go out; empty when nothing is pending. */
    Optional<Long> dueAt() {
        return pending == null ? Optional.empty() : Optional.of(lastSentAt + minIntervalMillis);
    }

    LanAnnouncement published() {
        return published;
    }
}
