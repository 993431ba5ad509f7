package dev.parley.client.core.room;

import dev.parley.protocol.control.Limits;

/**
 * The text of an unread count, the same in the app's badges and the CLI. The room counts at most
 * {@value Limits#UNREAD_COUNT_CAP} unread messages per conversation at sign-in and marks a count it stopped
 * at as capped ({@code UnreadCount.capped}): such a count shows with a "+" ("1000+"), and so does one that
 * grew past the cap with messages that arrived since. Pure; any thread.
 */
public final class UnreadBadge {
    private UnreadBadge() {
    }

    /**
     * @param count   unread messages known of
     * @param atLeast the room stopped counting: there may be more than {@code count}
     */
    public static String text(int count, boolean atLeast) {
        if (atLeast || count > Limits.UNREAD_COUNT_CAP) {
            return Math.min(count, Limits.UNREAD_COUNT_CAP) + "+";
        }
        return Integer.toString(count);
    }
}
