package dev.parley.client.core.notify;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.NotifyLevel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A user's notification settings as the room keeps them ({@code notify.settings}), and what they mean
 * at a given instant: which level applies to a conversation, whether it is muted, whether a message
 * there should notify. Defaults: channels {@code mentions} (what Parley always did), direct messages
 * {@code all}; the room default applies to channels only. Immutable.
 */
public final class NotifySettings {
    public static final NotifySettings DEFAULTS = new NotifySettings(null, Map.of());

    private final Notify.Entry room;
    private final Map<Conversation, Notify.Entry> conversations;

    private NotifySettings(Notify.Entry room, Map<Conversation, Notify.Entry> conversations) {
        this.room = room;
        this.conversations = Collections.unmodifiableMap(conversations);
    }

    /** From the room's list; a later entry for the same conversation wins. */
    public static NotifySettings of(List<Notify.Entry> entries) {
        Notify.Entry room = null;
        Map<Conversation, Notify.Entry> byConversation = new LinkedHashMap<>();
        for (Notify.Entry entry : entries) {
            if (entry.roomDefault()) {
                room = entry.empty() ? null : entry;
            } else if (entry.empty()) {
                byConversation.remove(conversation(entry));
            } else {
                byConversation.put(conversation(entry), entry);
            }
        }
        return new NotifySettings(room, byConversation);
    }

    /** The entry that sets {@code conversation} (null: the room default) to {@code level} and {@code mutedUntil}. */
    public static Notify.Entry entry(Conversation conversation, NotifyLevel level, Long mutedUntil) {
        if (conversation == null) {
            return new Notify.Entry(null, null, level, mutedUntil);
        }
        return conversation instanceof Conversation.Channel channel
                ? new Notify.Entry(channel.channelId(), null, level, mutedUntil)
                : new Notify.Entry(null, ((Conversation.Direct) conversation).peerId(), level, mutedUntil);
    }

    /** These settings with {@code entry} replacing its conversation's (or the room default). */
    public NotifySettings with(Notify.Entry entry) {
        List<Notify.Entry> all = new ArrayList<>(entries());
        all.add(entry);
        return of(all);
    }

    /** Every setting, room default first: what {@code notify.settings} would say. */
    public List<Notify.Entry> entries() {
        List<Notify.Entry> all = new ArrayList<>();
        if (room != null) {
            all.add(room);
        }
        all.addAll(conversations.values());
        return List.copyOf(all);
    }

    /** The level chosen for {@code conversation} itself (null: the room default), if any. */
    public Optional<NotifyLevel> ownLevel(Conversation conversation) {
        return Optional.ofNullable(own(conversation)).map(Notify.Entry::level);
    }

    /** Until when {@code conversation} itself (null: the room) is muted, if it is after {@code now}. */
    public OptionalLong mutedUntil(Conversation conversation, long now) {
        Notify.Entry own = own(conversation);
        return own != null && own.mutedUntil() != null && own.mutedUntil() > now
                ? OptionalLong.of(own.mutedUntil()) : OptionalLong.empty();
    }

    /** The level that applies to {@code conversation}: its own, else (channels) the room default, else the default. */
    public NotifyLevel level(Conversation conversation) {
        Notify.Entry own = conversations.get(conversation);
        if (own != null && own.level() != null) {
            return own.level();
        }
        if (conversation instanceof Conversation.Direct) {
            return NotifyLevel.ALL;
        }
        return room != null && room.level() != null ? room.level() : NotifyLevel.MENTIONS;
    }

    /** Whether {@code conversation} is muted at {@code now}: by itself, or (a channel) with the whole room. */
    public boolean muted(Conversation conversation, long now) {
        return mutedUntil(conversation, now).isPresent()
                || conversation instanceof Conversation.Channel && mutedUntil(null, now).isPresent();
    }

    /** Muted or set to nothing: the conversation raises nothing and its unread count shows dimmed. */
    public boolean quiet(Conversation conversation, long now) {
        return muted(conversation, now) || level(conversation) == NotifyLevel.NOTHING;
    }

    /** Whether a message from someone else in {@code conversation} should notify at {@code now}. */
    public boolean wants(Conversation conversation, boolean mentionsMe, long now) {
        if (muted(conversation, now)) {
            return false;
        }
        return switch (level(conversation)) {
            case ALL -> true;
            case MENTIONS -> mentionsMe;
            case NOTHING -> false;
        };
    }

    /** The first moment after {@code now} when a mute ends (and what shows as muted changes), if any. */
    public OptionalLong nextChange(long now) {
        return entries().stream().map(Notify.Entry::mutedUntil)
                .filter(until -> until != null && until > now && until < Notify.FOREVER)
                .mapToLong(Long::longValue).min();
    }

    private Notify.Entry own(Conversation conversation) {
        return conversation == null ? room : conversations.get(conversation);
    }

    private static Conversation conversation(Notify.Entry entry) {
        return entry.channelId() != null ? Conversation.channel(entry.channelId()) : Conversation.direct(entry.userId());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NotifySettings that && entries().equals(that.entries());
    }

    @Override
    public int hashCode() {
        return entries().hashCode();
    }

    @Override
    public String toString() {
        return "NotifySettings" + entries();
    }
}
