package dev.parley.server.search;

import dev.parley.server.chat.ConversationKey;
import java.util.Objects;
import java.util.Set;

/**
 * One search, with the caller's permissions already resolved: {@code readableChannels} are the
 * channels the caller may read now and {@code accountId} the account whose direct messages are
 * theirs (null for a guest). {@code within} narrows to one conversation the caller may read, or is
 * null for all of them. Only ids below {@code beforeId} (null: from the newest) are considered.
 */
public record SearchCriteria(String text, ConversationKey within, Set<Long> readableChannels, Long accountId,
                             Long fromAccountId, Long afterMillis, Long beforeMillis, boolean hasFile, Long beforeId) {
    public SearchCriteria {
        readableChannels = Set.copyOf(Objects.requireNonNull(readableChannels, "readableChannels"));
    }

    /** Whether a message the database holds now still meets the criteria and may be shown to the caller. */
    public boolean admits(long id, long createdAtMillis, ConversationKey conversation, Long authorId, boolean deleted,
                          boolean carriesFile) {
        if (deleted || (beforeId != null && id >= beforeId)) {
            return false;
        }
        boolean readable = conversation instanceof ConversationKey.Channel channel
                ? readableChannels.contains(channel.channelId())
                : accountId != null && ((ConversationKey.Direct) conversation).involves(accountId);
        return readable
                && (within == null || within.equals(conversation))
                && (fromAccountId == null || fromAccountId.equals(authorId))
                && (afterMillis == null || createdAtMillis >= afterMillis)
                && (beforeMillis == null || createdAtMillis < beforeMillis)
                && (!hasFile || carriesFile);
    }
}
