package dev.parley.server.chat;

import java.util.Objects;

/**
 * Who sent a message. Accounts are referenced by id; guests (never stored) by a key the server chose
 * for their session. {@link #key()} scopes client nonces and identifies reacting users.
 */
public record Author(Long accountId, String guestKey, String displayName) {

    public Author {
        Objects.requireNonNull(displayName, "displayName");
        if ((accountId == null) == (guestKey == null)) {
            throw new IllegalArgumentException("an author is either an account or a guest");
        }
    }

    public static Author account(long accountId, String displayName) {
        return new Author(accountId, null, displayName);
    }

    public static Author guest(String guestKey, String displayName) {
        return new Author(null, Objects.requireNonNull(guestKey, "guestKey"), displayName);
    }

    public boolean isGuest() {
        return accountId == null;
    }

    /** {@code a:<accountId>} or {@code g:<guestKey>}. */
    public String key() {
        return isGuest() ? "g:" + guestKey : "a:" + accountId;
    }
}
