package dev.parley.client.ui.e2e;

import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.e2e.ChannelKey;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encrypted channels' keys this app holds, one per (channel, epoch), for this session only: never
 * written anywhere, gone when the app quits. Keys of older epochs stay so older sealed messages still open;
 * only the key of a channel's current epoch seals new ones. Thread-safe (voice reads it on the client's
 * event thread, chat on the UI thread).
 */
public final class ChannelKeys {
    private final Map<Slot, ChannelKey> keys = new ConcurrentHashMap<>();

    private record Slot(long channelId, int epoch) {
    }

    public void put(ChannelKey key) {
        keys.put(new Slot(key.channelId(), key.epoch()), key);
    }

    public Optional<ChannelKey> get(long channelId, int epoch) {
        return Optional.ofNullable(keys.get(new Slot(channelId, epoch)));
    }

    /** The key that seals for {@code channel} now: its current epoch's; empty for a plain channel or without one. */
    public Optional<ChannelKey> current(ChannelInfo channel) {
        return channel.endToEnd() ? get(channel.id(), channel.e2e().epoch()) : Optional.empty();
    }

    /** The keys held for {@code channelId}, by epoch (a copy): what opens its sealed history here. */
    public Map<Integer, ChannelKey> byEpoch(long channelId) {
        Map<Integer, ChannelKey> found = new java.util.HashMap<>();
        keys.forEach((slot, key) -> {
            if (slot.channelId() == channelId) {
                found.put(slot.epoch(), key);
            }
        });
        return found;
    }

    /** Whether any key of {@code channelId} is held (a passphrase was given for it at some epoch). */
    public boolean knowsAny(long channelId) {
        return keys.keySet().stream().anyMatch(slot -> slot.channelId() == channelId);
    }
}
