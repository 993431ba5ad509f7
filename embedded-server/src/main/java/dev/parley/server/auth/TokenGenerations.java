package dev.parley.server.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Each account's token generation: tokens carry the generation they were issued under, and
 * bumping it (kick, ban, password change) makes every older token fail at {@code auth.resume}.
 * Runs inside the caller's transaction. Stateless and thread-safe.
 */
public final class TokenGenerations {
    /** The current generation; 0 for an account that does not exist. */
    public long current(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT token_generation FROM accounts WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /** Revokes every token issued so far; returns the new generation. */
    public long bump(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET token_generation = token_generation + 1 WHERE id = ?")) {
            ps.setLong(1, accountId);
            ps.executeUpdate();
        }
        return current(c, accountId);
    }
}
