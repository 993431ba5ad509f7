package dev.parley.client.ui.admin;

import dev.parley.protocol.control.message.Moderation;
import java.time.Duration;

/**
 * What a moderator chose in the ban dialog: why, for how long, and whether the address goes too.
 *
 * @param reason may be blank (then none is sent)
 */
public record BanChoice(String reason, Length duration, boolean address) {

    /** The lengths the dialog offers. */
    public enum Length {
        HOUR("for an hour", Duration.ofHours(1)),
        DAY("for a day", Duration.ofDays(1)),
        WEEK("for a week", Duration.ofDays(7)),
        FOREVER("until the ban is lifted", null);

        private final String words;
        private final Duration duration;

        Length(String words, Duration duration) {
            this.words = words;
            this.duration = duration;
        }

        public String words() {
            return words;
        }

        @Override
        public String toString() {
            return words.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + words.substring(1);
        }
    }

    public Moderation.Ban request(long userId) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        Long millis = duration.duration == null ? null : duration.duration.toMillis();
        // A guest has nothing but an address to be known by; the server bans it either way.
        return new Moderation.Ban(userId, why, millis, address || userId < 0 ? Boolean.TRUE : null);
    }
}
