package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * A user as the room sees them right now. {@code channelId} is null while offline; {@code lastSeen}
 * (epoch millis) is set for offline accounts. {@code muted} is a server mute by a moderator;
 * {@code deafened} and {@code selfMuted} are the user's own voice switches.
 */
public record UserState(
        UserInfo user,
        Presence presence,
        Long channelId,
        Long lastSeen,
        boolean muted,
        boolean selfMuted,
        boolean deafened) {
    public UserState {
        Check.required(user, "user");
        Check.required(presence, "presence");
    }

    public long id() {
        return user.id();
    }
}
