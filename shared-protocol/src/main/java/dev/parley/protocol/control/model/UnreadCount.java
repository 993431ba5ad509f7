package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * Unread messages in one conversation: a channel, or direct messages with one user.
 *
 * @param capped true when the room stopped counting ({@code Limits.UNREAD_COUNT_CAP}): there are at least
 *               {@code count} unread messages, maybe many more; null (absent on the wire) when {@code count}
 *               is exact. False is sent as absent.
 */
public record UnreadCount(Long channelId, Long userId, int count, long lastReadId, Boolean capped) {
    public UnreadCount {
        Check.oneConversation(channelId, userId);
        if (Boolean.FALSE.equals(capped)) {
            capped = null; // one way to say "exact" on the wire
        }
    }

    /** An exact count. */
    public UnreadCount(Long channelId, Long userId, int count, long lastReadId) {
        this(channelId, userId, count, lastReadId, null);
    }
}
