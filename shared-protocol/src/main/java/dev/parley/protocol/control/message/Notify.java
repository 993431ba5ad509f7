package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.NotifyLevel;
import java.util.List;

/**
 * Per-conversation notification settings (issue 13): for each channel or direct-message peer, and once
 * for the room as a whole, a user may choose a {@link NotifyLevel} and mute until an instant. The room
 * stores them per account so they follow the user to another machine; the client decides what to show.
 */
public final class Notify {
    /** Most settings one account keeps, so {@link Settings} always fits one frame. */
    public static final int MAX_SETTINGS = 500;
    /**
     * "Muted until I unmute": 9999-12-31T23:59:59.999Z in epoch ms, the latest instant both databases
     * store and small enough to be exact in a JavaScript number.
     */
    public static final long FOREVER = 253_402_300_799_999L;

    private Notify() {
    }

    /**
     * One conversation's setting: {@code channelId}, or the direct messages with {@code userId}, or with
     * neither the room's default (which applies to channels that have no setting of their own).
     * {@code level} null follows the default; {@code mutedUntil} (epoch ms, at most {@link #FOREVER})
     * null or past means not muted.
     */
    public record Entry(Long channelId, Long userId, NotifyLevel level, Long mutedUntil) {
        public Entry {
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            if (channelId != null && userId != null) {
                throw Check.invalid("channelId", "give at most one of channelId and userId");
            }
            if (mutedUntil != null && (mutedUntil <= 0 || mutedUntil > FOREVER)) {
                throw Check.invalid("mutedUntil", "must be epoch milliseconds between 1 and " + FOREVER);
            }
        }

        /** Whether this is the room's default rather than one conversation's. */
        public boolean roomDefault() {
            return channelId == null && userId == null;
        }

        /** Whether this says nothing beyond the defaults (the room then forgets it). */
        public boolean empty() {
            return level == null && mutedUntil == null;
        }
    }

    /**
     * Replaces the setting of one conversation (or of the room with neither id): a level and a mute
     * both absent clear it. Answered with all the caller's settings.
     */
    public record Set(Long channelId, Long userId, NotifyLevel level, Long mutedUntil) implements Request {
        public Set {
            new Entry(channelId, userId, level, mutedUntil);
        }

        public Entry entry() {
            return new Entry(channelId, userId, level, mutedUntil);
        }
    }

    /** Asks for all the caller's settings. */
    public record ListSettings() implements Request {
    }

    /** All the caller's settings: the room default first (if set), then channels, then direct messages. */
    public record Settings(List<Entry> settings) implements Reply {
        public Settings {
            settings = List.copyOf(settings);
            if (settings.size() > MAX_SETTINGS) {
                throw Check.invalid("settings", "at most " + MAX_SETTINGS);
            }
        }
    }
}
