package dev.parley.server.friends;

/** One account's "friends only" options. Immutable. */
public record Privacy(boolean dmFriendsOnly, boolean presenceFriendsOnly) {
    public static final Privacy DEFAULT = new Privacy(false, false);

    public Privacy with(Boolean dm, Boolean presence) {
        return new Privacy(dm != null ? dm : dmFriendsOnly, presence != null ? presence : presenceFriendsOnly);
    }
}
