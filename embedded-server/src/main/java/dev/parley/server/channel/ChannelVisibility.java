package dev.parley.server.channel;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.server.room.Room;
import dev.parley.server.session.OnlineUser;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Keeps every client's channel tree to the channels it may see ({@link Room#canSee}): take a
 * {@link #snapshot()} before a change to channels, permissions or a role, then
 * {@link #announce} sends each user {@code channel.added} for channels that appeared to them
 * (parents first), {@code channel.removed} for those that vanished, and {@code channel.updated} for
 * the changed channels they saw before and still see. Room thread only.
 */
public final class ChannelVisibility {
    private final Room room;

    public ChannelVisibility(Room room) {
        this.room = room;
    }

    /** Which channels each online user sees now. */
    public Map<OnlineUser, Set<Long>> snapshot() {
        return snapshot(user -> true);
    }

    public Map<OnlineUser, Set<Long>> snapshot(Predicate<OnlineUser> who) {
        Map<OnlineUser, Set<Long>> seen = new HashMap<>();
        for (OnlineUser user : room.everyone()) {
            if (who.test(user)) {
                seen.put(user, seenBy(user));
            }
        }
        return seen;
    }

    /** @param updated channels whose own fields changed (sent as {@code channel.updated} to those who keep seeing them) */
    public void announce(Map<OnlineUser, Set<Long>> before, Set<Long> updated) {
        for (Map.Entry<OnlineUser, Set<Long>> entry : before.entrySet()) {
            OnlineUser user = entry.getKey();
            if (!user.welcomed() || room.online(user.id()).orElse(null) != user) {
                continue;
            }
            Set<Long> was = entry.getValue();
            Set<Long> now = seenBy(user);
            was.stream().filter(id -> !now.contains(id)).sorted(Comparator.comparingInt(this::depth).reversed())
                    .forEach(id -> user.link().send(Envelope.event(new Channels.Removed(id))));
            now.stream().filter(id -> !was.contains(id)).sorted(Comparator.comparingInt(this::depth))
                    .forEach(id -> info(id).ifPresent(info -> user.link().send(Envelope.event(new Channels.Added(info)))));
            updated.stream().filter(id -> was.contains(id) && now.contains(id))
                    .forEach(id -> info(id).ifPresent(info -> user.link().send(Envelope.event(new Channels.Updated(info)))));
        }
    }

    private Set<Long> seenBy(OnlineUser user) {
        Set<Long> ids = new HashSet<>();
        room.channelsSeenBy(user).forEach(info -> ids.add(info.id()));
        return ids;
    }

    private java.util.Optional<ChannelInfo> info(long id) {
        return room.channels().find(id).map(ChannelTree::info);
    }

    private int depth(long id) {
        return room.channels().pathToRoot(id).size();
    }
}
