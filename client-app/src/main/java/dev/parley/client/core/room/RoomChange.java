package dev.parley.client.core.room;

import dev.parley.client.core.net.Conversation;

/** What changed in a {@link RoomState}; read the new values from the state itself. */
public sealed interface RoomChange {

    /** A new snapshot (first sign-in, or a resumed session): redraw everything. */
    record Reset() implements RoomChange {
    }

    /** A channel was added, changed or removed. */
    record ChannelChanged(long channelId) implements RoomChange {
    }

    /** A user's presence, channel, role or mute changed (also for me). */
    record UserChanged(long userId) implements RoomChange {
    }

    record UnreadChanged(Conversation conversation, int count) implements RoomChange {
    }

    /** Who is typing in this conversation changed. */
    record TypingChanged(Conversation conversation) implements RoomChange {
    }
}
