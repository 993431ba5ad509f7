package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.List;

/**
 * Finding old messages and jumping to them: full-text search over what the caller may read, and
 * a window of history around one message. See PROTOCOL.md, "Search, export and notifications".
 */
public final class Search {
    /** Most characters of search text: a search box, not a document. */
    public static final int MAX_QUERY_TEXT = 200;
    /** Most results per page, and the default. */
    public static final int MAX_RESULTS = 50;
    /** Most messages on each side of the one {@link Around} centres on. */
    public static final int MAX_CONTEXT = 50;

    private Search() {
    }

    /**
     * Messages matching every criterion given, newest first. {@code text} holds words (all must occur)
     * and {@code "quoted phrases"}; {@code channelId} or {@code userId} (a direct conversation) narrows
     * it to one conversation, neither searches everything the caller may read. {@code after} and
     * {@code before} are epoch millis (after inclusive, before exclusive); {@code beforeId} continues
     * from a previous page. At least one criterion besides the place and the page is required.
     */
    public record Query(String text, Long channelId, Long userId, Long fromUserId, Long after, Long before,
                        Boolean hasFile, Long beforeId, Integer limit) implements Request {
        public Query {
            if (channelId != null && userId != null) {
                throw Check.invalid("channelId", "give channelId or userId, not both");
            }
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            Check.optionalPositive(fromUserId, "fromUserId");
            Check.optionalPositive(beforeId, "beforeId");
            text = text == null || text.isBlank() ? null : Check.text(text.strip(), "text", 1, MAX_QUERY_TEXT);
            if (text != null && text.indexOf('\n') >= 0) {
                throw Check.invalid("text", "must be on one line");
            }
            if (after != null && after < 0) {
                throw Check.invalid("after", "must not be negative");
            }
            if (before != null && before <= 0) {
                throw Check.invalid("before", "must be positive");
            }
            if (after != null && before != null && after >= before) {
                throw Check.invalid("after", "must be earlier than before");
            }
            if (text == null && fromUserId == null && after == null && before == null && !Boolean.TRUE.equals(hasFile)) {
                throw Check.invalid("text", "give words to look for, or fromUserId, after, before or hasFile");
            }
            limit = limit == null ? MAX_RESULTS : Check.range(limit, "limit", 1, MAX_RESULTS);
        }
    }

    /**
     * One page of matches, newest first. While {@code hasMore}, ask again with {@code beforeId} =
     * {@code nextBeforeId} (it may be below the last message listed: hits that proved stale were skipped).
     */
    public record Results(List<ChatMessage> messages, boolean hasMore, Long nextBeforeId) implements Reply {
        public Results {
            messages = List.copyOf(messages);
            if (hasMore) {
                Check.positive(nextBeforeId, "nextBeforeId");
            }
        }
    }

    /** Up to {@code before} messages older and {@code after} newer than {@code messageId}, in its conversation. */
    public record Around(Long messageId, Integer before, Integer after) implements Request {
        public Around {
            Check.positive(messageId, "messageId");
            before = before == null ? 10 : Check.range(before, "before", 0, MAX_CONTEXT);
            after = after == null ? 10 : Check.range(after, "after", 0, MAX_CONTEXT);
        }
    }

    /**
     * The message and its neighbours, oldest first (tombstones included, as in {@code chat.page}).
     * {@code hasOlder}/{@code hasNewer} say whether the conversation goes on beyond them.
     */
    public record Context(long messageId, List<ChatMessage> messages, boolean hasOlder, boolean hasNewer)
            implements Reply {
        public Context {
            messages = List.copyOf(messages);
        }
    }
}
