package dev.parley.server.room;

import dev.parley.protocol.control.model.UserState;
import dev.parley.server.session.OnlineUser;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Which users' presence changed, in order, for as long as some reader is too far behind to be sent
 * each change as it happens. A reader whose unread backlog passes {@link
 * dev.parley.server.session.ClientLink#lagging()} stops getting {@code user.state} and {@code user.moved}
 * events; once it has read what waits, it is sent each changed user's state as it is by then, once
 * per user, a little at a time. A storm of N changes then costs such a reader one number here instead
 * of N frames in the room's memory: a 1,000-user leave storm in a room of 10,000 used to park
 * 485 MB of presence frames for readers that could not keep up (docs/BENCHMARKS.md).
 *
 * <p>Only while someone is behind does this remember anything; the departed guests' last states
 * are kept for the same time, since the room itself forgets a guest that leaves. Room thread only.
 */
final class PresenceCatchUp {
    /** Changes are numbered from here on; a reader "at" a number has been sent every change up to it. */
    private long latest;
    private final NavigableMap<Long, Long> subjectChangedAt = new TreeMap<>();
    private final Map<Long, Long> lastChangeOf = new HashMap<>();
    private final Map<Long, UserState> departedGuests = new HashMap<>();
    private final Map<OnlineUser, Long> behind = new LinkedHashMap<>();

    /** Records that {@code subjectId}'s presence changed; returns the change's number. */
    long changed(long subjectId) {
        latest++;
        if (!behind.isEmpty()) {
            remember(subjectId, latest);
        }
        return latest;
    }

    /** A guest left; while someone is behind, their offline state is kept to be sent later. */
    void guestLeft(UserState offline) {
        if (!behind.isEmpty()) {
            departedGuests.put(offline.id(), offline);
        }
    }

    boolean isBehind(OnlineUser reader) {
        return behind.containsKey(reader);
    }

    /** From change {@code change} on (inclusive), {@code reader} gets news only by catching up. */
    void fallBehind(OnlineUser reader, long change, long subjectId, UserState departedGuest) {
        behind.put(reader, change - 1);
        remember(subjectId, change);
        if (departedGuest != null) {
            departedGuests.put(departedGuest.id(), departedGuest);
        }
    }

    void forget(OnlineUser reader) {
        if (behind.remove(reader) != null && behind.isEmpty()) {
            trim();
        }
    }

    int readersBehind() {
        return behind.size();
    }

    private void remember(long subjectId, long change) {
        Long previous = lastChangeOf.put(subjectId, change);
        if (previous != null) {
            subjectChangedAt.remove(previous);
        }
        subjectChangedAt.put(change, subjectId);
    }

    /**
     * How the room answers "what does this reader see of that user now" (null: nothing to send);
     * {@code departedGuest} is a guest's last state when the room no longer knows them, else null.
     */
    interface StateLookup {
        UserState seenBy(long subjectId, UserState departedGuest, OnlineUser reader);
    }

    /** How a reader is sent one state; returns the frame's size in bytes. */
    interface Sender {
        int send(OnlineUser reader, UserState state);
    }

    /**
     * Sends each reader that has read its backlog up to {@code maxBytesEach} of the states it
     * missed, oldest change first; a reader that got them all is live again.
     */
    void catchUp(StateLookup lookup, Sender sender, int maxBytesEach) {
        if (behind.isEmpty()) {
            return;
        }
        Iterator<Map.Entry<OnlineUser, Long>> readers = behind.entrySet().iterator();
        while (readers.hasNext()) {
            Map.Entry<OnlineUser, Long> entry = readers.next();
            OnlineUser reader = entry.getKey();
            if (!reader.link().isOpen()) {
                readers.remove();
                continue;
            }
            if (reader.link().lagging()) {
                continue;
            }
            long at = entry.getValue();
            int sent = 0;
            for (Map.Entry<Long, Long> change : subjectChangedAt.tailMap(at, false).entrySet()) {
                if (sent >= maxBytesEach) {
                    break;
                }
                long subjectId = change.getValue();
                UserState state = lookup.seenBy(subjectId, departedGuests.get(subjectId), reader);
                if (state != null) {
                    sent += sender.send(reader, state);
                }
                at = change.getKey();
            }
            if (at >= latest || subjectChangedAt.tailMap(at, false).isEmpty()) {
                readers.remove();
            } else {
                entry.setValue(at);
            }
        }
        trim();
    }

    /** Forgets the changes every reader has been sent (all of them when nobody is behind). */
    private void trim() {
        if (behind.isEmpty()) {
            subjectChangedAt.clear();
            lastChangeOf.clear();
            departedGuests.clear();
            return;
        }
        long oldest = behind.values().stream().mapToLong(Long::longValue).min().orElse(latest);
        NavigableMap<Long, Long> sent = subjectChangedAt.headMap(oldest, true);
        for (Long subjectId : sent.values()) {
            lastChangeOf.remove(subjectId);
            departedGuests.remove(subjectId);
        }
        sent.clear();
    }
}
