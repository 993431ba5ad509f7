package dev.parley.server.auth;

import dev.parley.server.db.StoreException;

/** An account with this username (compared case-insensitively) already exists. */
public final class UsernameTakenException extends StoreException {

    public UsernameTakenException(String username) {
        super("username already taken: " + username);
    }
}
