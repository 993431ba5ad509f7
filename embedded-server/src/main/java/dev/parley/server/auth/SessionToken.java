package dev.parley.server.auth;

/**
 * What a valid session token says: who, by which name, (for guests) from which server run, and
 * the account's token generation it was issued under (older than the account's: revoked).
 */
public record SessionToken(long userId, String name, String serverRun, long expiresAt, long generation) {
    public boolean guest() {
        return userId < 0;
    }
}
