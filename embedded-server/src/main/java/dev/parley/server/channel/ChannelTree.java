package dev.parley.server.channel;

import dev.parley.protocol.control.model.ChannelInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The room's channels as the room thread sees them: a cache of the stored tree, updated after
 * each committed change. Owned by the room thread.
 */
public final class ChannelTree {
    public static final long LOBBY_ID = ChannelRepository.LOBBY_ID;

    /** Sorted by id, so the tree can be handed out page by page ({@code channels.list}). */
    private final java.util.NavigableMap<Long, Channel> byId = new java.util.TreeMap<>();
    /** The ids of the end-to-end encrypted channels, sorted: read by the relay for every packet, without locks. */
    private volatile long[] sealedIds = new long[0];

    public ChannelTree(List<Channel> channels) {
        channels.forEach(this::put);
    }

    public void put(Channel channel) {
        Channel before = byId.put(channel.id(), channel);
        if (channel.endToEnd() != (before != null && before.endToEnd())) {
            sealedIds = byId.values().stream().filter(Channel::endToEnd).mapToLong(Channel::id).toArray();
        }
    }

    public void remove(long id) {
        Channel removed = byId.remove(id);
        if (removed != null && removed.endToEnd()) {
            sealedIds = byId.values().stream().filter(Channel::endToEnd).mapToLong(Channel::id).toArray();
        }
    }

    /** Whether the channel is end-to-end encrypted. Any thread; never allocates. */
    public boolean sealed(long channelId) {
        return java.util.Arrays.binarySearch(sealedIds, channelId) >= 0;
    }

    public Optional<Channel> find(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    public int size() {
        return byId.size();
    }

    /** The end-to-end encrypted channels and their current key epochs (usually few; a copy). */
    public java.util.Map<Long, Integer> encryptedEpochs() {
        java.util.Map<Long, Integer> epochs = new java.util.HashMap<>();
        byId.values().stream().filter(Channel::endToEnd).forEach(channel -> epochs.put(channel.id(), channel.e2e().epoch()));
        return epochs;
    }

    public List<Channel> children(long parentId) {
        return byId.values().stream()
                .filter(channel -> channel.parentId() != null && channel.parentId() == parentId)
                .toList();
    }

    /** True when {@code candidate} is {@code ancestor} or lies below it. */
    public boolean isWithin(long candidate, long ancestor) {
        Long current = candidate;
        for (int depth = 0; current != null && depth <= byId.size(); depth++) {
            if (current == ancestor) {
                return true;
            }
            Channel channel = byId.get(current);
            current = channel == null ? null : channel.parentId();
        }
        return false;
    }

    /** The channel and its ancestors, nearest first. */
    public List<Long> pathToRoot(long channelId) {
        List<Long> path = new ArrayList<>();
        Long current = channelId;
        while (current != null && byId.containsKey(current) && path.size() <= byId.size()) {
            path.add(current);
            current = byId.get(current).parentId();
        }
        return path;
    }

    public List<ChannelInfo> infos() {
        return byId.values().stream()
                .sorted(Comparator.comparing((Channel c) -> c.parentId() == null ? 0L : c.parentId())
                        .thenComparingInt(Channel::position)
                        .thenComparingLong(Channel::id))
                .map(ChannelTree::info)
                .toList();
    }

    /** Channels by id after {@code afterId} (null: from the lobby on); lazy, for paging. */
    public java.util.stream.Stream<ChannelInfo> infosAfter(Long afterId) {
        return (afterId == null ? byId.values() : byId.tailMap(afterId, false).values()).stream().map(ChannelTree::info);
    }

    public static ChannelInfo info(Channel channel) {
        return new ChannelInfo(channel.id(), channel.parentId(), channel.name(), channel.description(),
                channel.position(), channel.hasPassword(), channel.e2e());
    }
}
