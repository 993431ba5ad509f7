package dev.parley.server.auth;

/** What a valid session token says: who, by which name, and (for guests) from which server run. */
public record SessionToken(long userId, String name, String serverRun, long expiresAt) {
    public boolean guest() {
        return userId < 0;
    }
}
