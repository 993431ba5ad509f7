package dev.parley.client.ui.search;

import dev.parley.client.core.e2e.SealedSearch;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.core.search.MessageMatcher;
import dev.parley.client.ui.e2e.ChannelKeys;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The search panel's part for end-to-end encrypted channels, which the room cannot search: which of them a
 * search reads on this device (those whose key the app holds), which it must skip, and the sentences that say
 * so. Immutable; {@link #plan} reads the room on the client's event thread, the rest is any thread.
 */
final class SealedScope {
    private final ChannelKeys keys;
    private final SealedSearch search;

    SealedScope(ChannelKeys keys, SealedSearch search) {
        this.keys = keys;
        this.search = search;
    }

    /**
     * What one search does about encrypted channels.
     *
     * @param channels        read and matched on this device
     * @param roomToo         the room is asked as well (false when the scope is one encrypted channel)
     * @param skipped         "# Name" of the encrypted channels in scope whose key is not held
     * @param needsPassphrase the scope is one encrypted channel and no key of it is held: nothing can be searched
     */
    record Plan(List<ChannelInfo> channels, boolean roomToo, List<String> skipped, boolean needsPassphrase) {
        /** The room alone: a plain channel, a direct message, or "more results" of the room's search. */
        static final Plan ROOM = new Plan(List.of(), true, List.of(), false);

        Plan {
            channels = List.copyOf(channels);
            skipped = List.copyOf(skipped);
        }

        /** How many answers to wait for: each channel read here, and the room's. */
        int parts() {
            return channels.size() + (roomToo ? 1 : 0);
        }

        /** The sentence about the skipped channels, or null when none was. */
        String skippedNote() {
            return skipped.isEmpty() ? null : "Not searched: " + String.join(", ", skipped)
                    + " (end-to-end encrypted; enter a channel's passphrase to search it).";
        }
    }

    /** The plan for a search within {@code within} (null: everything I may read). Event thread. */
    Plan plan(Conversation within, RoomState room) {
        if (within instanceof Conversation.Direct) {
            return Plan.ROOM; // direct messages are never end-to-end encrypted
        }
        if (within instanceof Conversation.Channel channel) {
            return room.channel(channel.channelId()).filter(ChannelInfo::endToEnd)
                    .map(info -> keys.knowsAny(info.id()) ? new Plan(List.of(info), false, List.of(), false)
                            : new Plan(List.of(), false, List.of(), true))
                    .orElse(Plan.ROOM);
        }
        List<ChannelInfo> readable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ChannelInfo channel : room.channels()) {
            if (channel.endToEnd()) {
                if (keys.knowsAny(channel.id())) {
                    readable.add(channel);
                } else {
                    skipped.add("# " + channel.name());
                }
            }
        }
        return new Plan(readable, true, skipped, false);
    }

    /** Reads {@code channel}'s newest messages with the keys held and keeps what {@code matcher} accepts. */
    CompletableFuture<SealedSearch.Outcome> search(ChannelInfo channel, MessageMatcher matcher, BooleanSupplier superseded) {
        return search.search(channel.id(), keys.byEpoch(channel.id()), matcher, superseded);
    }

    /** What the user should know about a channel read on this device; {@code alone}: it was the whole scope. */
    static String note(ChannelInfo channel, SealedSearch.Outcome outcome, boolean alone) {
        StringBuilder said = new StringBuilder(alone
                ? "Searched on this device: this channel is end-to-end encrypted, so the room can't search it."
                : "Also searched on this device: # " + channel.name() + " (end-to-end encrypted).");
        if (outcome.stoppedAtLimit()) {
            said.append(String.format(Locale.ENGLISH, alone ? " Only its newest %,d messages were searched."
                    : " Only the newest %,d messages of # " + channel.name() + " were searched.", outcome.read()));
        }
        if (outcome.unopened() > 0) {
            said.append(String.format(Locale.ENGLISH, " %,d message%s could not be opened with the passphrase given"
                    + " and %s not searched.", outcome.unopened(), outcome.unopened() == 1 ? "" : "s",
                    outcome.unopened() == 1 ? "was" : "were"));
        }
        return said.toString();
    }
}
