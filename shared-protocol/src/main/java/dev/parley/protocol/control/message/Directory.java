package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import java.util.List;

/**
 * Lists that grow with the room, asked for page by page: the channel tree, who is online, every
 * account, and who reacted with one emoji. Every page is bounded by count and by bytes, so each
 * reply stays under {@link Limits#MAX_FRAME_BYTES} however big the room gets.
 */
public final class Directory {
    private Directory() {
    }

    /** Channels by id, after {@code afterId} (absent: from the start). */
    public record ListChannels(Long afterId, Integer limit) implements Request {
        public ListChannels {
            Check.optionalPositive(afterId, "afterId");
            limit = limit == null ? Limits.MAX_CHANNEL_PAGE : Check.range(limit, "limit", 1, Limits.MAX_CHANNEL_PAGE);
        }
    }

    /** Channels by id; ask again from the last id while {@code hasMore}. */
    public record ChannelPage(List<ChannelInfo> channels, boolean hasMore) implements Reply {
        public ChannelPage {
            channels = List.copyOf(channels);
        }
    }

    /** Online users by id (guests, negative, first), after {@code afterId} (absent: from the start). */
    public record ListUsers(Long afterId, Integer limit) implements Request {
        public ListUsers {
            limit = limit == null ? Limits.MAX_USER_PAGE : Check.range(limit, "limit", 1, Limits.MAX_USER_PAGE);
        }
    }

    /** Online users as the caller sees them, by id; ask again from the last id while {@code hasMore}. */
    public record UserPage(List<UserState> users, boolean hasMore) implements Reply {
        public UserPage {
            users = List.copyOf(users);
        }
    }

    /** Every account, online or not, by name ignoring case, after the name {@code after}. */
    public record ListMembers(String after, Integer limit) implements Request {
        public ListMembers {
            after = Check.optionalLine(after, "after", Limits.MAX_USERNAME);
            limit = limit == null ? Limits.MAX_USER_PAGE : Check.range(limit, "limit", 1, Limits.MAX_USER_PAGE);
        }
    }

    /** Accounts by name as the caller sees them; ask again after the last name while {@code hasMore}. */
    public record MemberPage(List<UserState> members, boolean hasMore) implements Reply {
        public MemberPage {
            members = List.copyOf(members);
        }
    }

    /** Who reacted to a message with {@code emoji}, first reaction first, from {@code offset}. */
    public record ListReactors(Long messageId, String emoji, Integer offset, Integer limit) implements Request {
        public ListReactors {
            Check.positive(messageId, "messageId");
            Check.line(emoji, "emoji", 1, Limits.MAX_EMOJI);
            offset = offset == null ? 0 : Check.range(offset, "offset", 0, Integer.MAX_VALUE);
            limit = limit == null ? Limits.MAX_REACTOR_PAGE : Check.range(limit, "limit", 1, Limits.MAX_REACTOR_PAGE);
        }
    }

    /**
     * One page of who reacted; {@code total} is how many reacted with that emoji. A guest who has
     * left is shown with the role guest and the name "guest".
     */
    public record ReactorPage(long messageId, String emoji, List<UserInfo> users, int total, boolean hasMore)
            implements Reply {
        public ReactorPage {
            users = List.copyOf(users);
        }
    }
}
