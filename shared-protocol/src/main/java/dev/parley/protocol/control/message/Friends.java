package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.UserState;
import java.util.List;

/**
 * Friends within a room (accounts only, never guests): requests, answers, the list with presence,
 * and the two "friends only" privacy options the server enforces.
 */
public final class Friends {
    /** Most friends an account may have, and most requests waiting in each direction: keeps a list in one frame. */
    public static final int MAX_FRIENDS = 150;
    public static final int MAX_PENDING = 50;

    private Friends() {
    }

    /** Asks {@code userId} to be friends; when they already asked you, you are friends at once. */
    public record Ask(Long userId) implements Request {
        public Ask {
            Check.positive(userId, "userId");
        }
    }

    /** Accepts the request {@code userId} sent you. */
    public record Accept(Long userId) implements Request {
        public Accept {
            Check.positive(userId, "userId");
        }
    }

    /** Declines the request {@code userId} sent you; they are told. */
    public record Decline(Long userId) implements Request {
        public Decline {
            Check.positive(userId, "userId");
        }
    }

    /** Takes back the request you sent {@code userId}. */
    public record Cancel(Long userId) implements Request {
        public Cancel {
            Check.positive(userId, "userId");
        }
    }

    /** Ends a friendship. */
    public record Remove(Long userId) implements Request {
        public Remove {
            Check.positive(userId, "userId");
        }
    }

    public record ListFriends() implements Request {
    }

    /**
     * Someone and how they stand to you. {@code user} is their state as you may see it (a friend's
     * real presence; a pending requester's presence only if they show it to everyone); {@code since}
     * is epoch ms of the request or of the friendship.
     */
    public record Entry(UserState user, FriendStatus status, long since) {
        public Entry {
            Check.required(user, "user");
            Check.required(status, "status");
        }
    }

    /** Friends, then requests waiting for you, then requests you sent; each by name. */
    public record FriendList(List<Entry> friends) implements Reply {
        public FriendList {
            friends = List.copyOf(friends);
        }
    }

    /**
     * Reads (both null) or changes your privacy options. {@code dmFriendsOnly}: direct messages from
     * anyone but a friend are refused. {@code presenceFriendsOnly}: to anyone but your friends you
     * look offline, as if invisible.
     */
    public record SetPrivacy(Boolean dmFriendsOnly, Boolean presenceFriendsOnly) implements Request {
    }

    public record Privacy(boolean dmFriendsOnly, boolean presenceFriendsOnly) implements Reply {
    }

    /**
     * How you stand to {@code user} changed (a request arrived, was accepted, declined, cancelled, a
     * friendship ended): sent to both sides when online, and for every request still waiting, to its
     * target right after sign-in.
     */
    public record Changed(UserState user, FriendStatus status, long since) implements Event {
        public Changed {
            Check.required(user, "user");
            Check.required(status, "status");
        }
    }
}
