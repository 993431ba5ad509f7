package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;

/** Roles and moderation of other users, and the events that show users changing. */
public final class Users {
    private Users() {
    }

    /** Admins only; guests cannot be given an account role. */
    public record SetRole(Long userId, Role role) implements Request {
        public SetRole {
            Check.positive(userId, "userId");
            Check.required(role, "role");
            if (role == Role.GUEST) {
                throw Check.invalid("role", "guest is not an account role");
            }
        }
    }

    public record Move(Long userId, Long channelId) implements Request {
        public Move {
            Check.required(userId, "userId");
            Check.positive(channelId, "channelId");
        }
    }

    public record Kick(Long userId, String reason) implements Request {
        public Kick {
            Check.required(userId, "userId");
            reason = Check.optionalLine(reason, "reason", Limits.MAX_REASON);
        }
    }

    /** Server mute: the user's voice is not relayed while muted. */
    public record Mute(Long userId, Boolean muted) implements Request {
        public Mute {
            Check.required(userId, "userId");
            Check.required(muted, "muted");
        }
    }

    /** A user came online, went offline, changed presence, role or mute. */
    public record StateChanged(UserState user) implements Event {
    }

    /** A user moved between channels ({@code fromChannelId} null when they just came online). */
    public record Moved(long userId, Long fromChannelId, long toChannelId) implements Event {
    }
}
