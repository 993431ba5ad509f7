package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.RoomCounts;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import java.util.List;

/** Connecting, signing in, presence and liveness. */
public final class Session {
    private Session() {
    }

    /** First message on every connection. */
    public record Hello(Integer protocol, String client) implements Request {
        public Hello {
            Check.required(protocol, "protocol");
            client = Check.optionalLine(client, "client", Limits.MAX_CLIENT_NAME);
        }
    }

    /**
     * What the server offers. {@code serverPasswordRequired} applies to registration and guests;
     * accounts that exist sign in with their own password.
     */
    public record HelloOk(
            int protocol, String serverName, String serverVersion, boolean guestsAllowed,
            boolean serverPasswordRequired, int maxFrameBytes) implements Reply {
    }

    /**
     * {@code invite} (optional) is an invite code ({@code invite.create}): it takes one of the code's
     * uses, lets the account in when registration is {@code invite} or {@code approval}, and gives
     * it the code's role and landing channel.
     */
    public record Register(String username, String password, String serverPassword, String invite) implements Request {
        public Register {
            Check.username(username, "username");
            Check.text(password, "password", Limits.MIN_PASSWORD, Limits.MAX_PASSWORD);
            serverPassword = Check.optionalText(serverPassword, "serverPassword", Limits.MAX_PASSWORD);
            invite = invite == null ? null : Check.line(invite, "invite", 1, Invites.MAX_CODE);
        }

        public Register(String username, String password, String serverPassword) {
            this(username, password, serverPassword, null);
        }

        @Override
        public String toString() {
            return "Register[username=" + username + "]";
        }
    }

    public record Login(String username, String password) implements Request {
        public Login {
            Check.line(username, "username", 1, Limits.MAX_USERNAME);
            Check.text(password, "password", 1, Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "Login[username=" + username + "]";
        }
    }

    public record GuestJoin(String nickname, String serverPassword) implements Request {
        public GuestJoin {
            nickname = Check.displayName(nickname, "nickname", 1, Limits.MAX_NICKNAME);
            serverPassword = Check.optionalText(serverPassword, "serverPassword", Limits.MAX_PASSWORD);
        }

        @Override
        public String toString() {
            return "GuestJoin[nickname=" + nickname + "]";
        }
    }

    /**
     * Sign in again with the token from an earlier {@link AuthOk}, e.g. after a reconnect.
     * {@code presence} (optional) is the presence to come back with, so that an invisible user
     * never flashes online to others while reconnecting.
     */
    public record Resume(String token, Presence presence) implements Request {
        public Resume {
            Check.text(token, "token", 1, Limits.MAX_TOKEN);
            if (presence == Presence.OFFLINE) {
                throw Check.invalid("presence", "choose invisible to appear offline");
            }
        }

        public Resume(String token) {
            this(token, null);
        }

        @Override
        public String toString() {
            return "Resume[]";
        }
    }

    /**
     * Signed in. Carries the session token (keep it to resume), the first page of channels and of
     * online users ({@code moreChannels}/{@code moreUsers}: ask {@code channels.list}/{@code users.list}
     * for the rest), the room's size, and unread counts per conversation. Bounded whatever the room's size.
     */
    public record AuthOk(
            String token, long expiresAt, UserInfo self, long channelId, List<ChannelInfo> channels,
            List<UserState> users, List<UnreadCount> unread, long lastMessageId, boolean moreChannels,
            boolean moreUsers, RoomCounts counts) implements Reply {
        public AuthOk {
            channels = List.copyOf(channels);
            users = List.copyOf(users);
            unread = List.copyOf(unread);
        }

        @Override
        public String toString() {
            return "AuthOk[self=" + self + ", channel=" + channelId + "]";
        }
    }

    public record SetPresence(Presence presence) implements Request {
        public SetPresence {
            Check.required(presence, "presence");
            if (presence == Presence.OFFLINE) {
                throw Check.invalid("presence", "choose invisible to appear offline");
            }
        }
    }

    public record Ping() implements Request {
    }

    public record Pong(long serverTime) implements Reply {
    }

    /** The server is about to close this connection, and why (kicked, too slow, shutting down). */
    public record Closing(String reason, String message) implements Event {
    }

    /**
     * The room is going to close in {@code inSeconds} (0: now), sent to everyone signed in before the
     * {@link Closing} and close frame; {@code restart} says the host means to bring it back, so a client
     * says so and reconnects. Requests made after the grace period are refused with {@code shutting_down}.
     */
    public record RoomClosing(Integer inSeconds, Boolean restart, String message) implements Event {
        public RoomClosing {
            Check.range(inSeconds, "inSeconds", 0, MAX_CLOSING_NOTICE_SECONDS);
            Check.required(restart, "restart");
            message = Check.line(message, "message", 1, Limits.MAX_CHANNEL_DESCRIPTION);
        }
    }

    /** The longest notice a room gives before it closes: an hour. */
    public static final int MAX_CLOSING_NOTICE_SECONDS = 3600;
}
