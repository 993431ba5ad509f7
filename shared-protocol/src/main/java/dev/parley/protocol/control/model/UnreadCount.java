package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/** Unread messages in one conversation: a channel, or direct messages with one user. */
public record UnreadCount(Long channelId, Long userId, int count, long lastReadId) {
    public UnreadCount {
        Check.oneConversation(channelId, userId);
    }
}
