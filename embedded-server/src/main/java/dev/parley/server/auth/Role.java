package dev.parley.server.auth;

/**
 * A member's rank in the room. {@link #GUEST} is never stored on an account (guests live only in
 * memory) but may appear in channel permission overrides.
 */
public enum Role {
    ADMIN,
    MODERATOR,
    MEMBER,
    GUEST
}
