package dev.parley.server.auth;

import dev.parley.protocol.control.model.Role;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Accounts table. Every method runs on the connection it is given, inside the caller's
 * {@code Database.submit}/{@code transact} transaction. Stateless and thread-safe.
 */
public final class AccountRepository {

    private static final String COLUMNS = "id, username, password_hash, role, created_at, last_seen_at";

    private final Clock clock;

    public AccountRepository() {
        this(Clock.systemUTC());
    }

    public AccountRepository(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores a new account.
     *
     * @throws UsernameTakenException if the name is taken, ignoring case; the transaction must then be
     *                                abandoned (let the exception leave the {@code SqlWork})
     * @throws IllegalArgumentException for {@link Role#GUEST}, which accounts never have
     */
    public Account create(Connection c, String username, String passwordHash, Role role) throws SQLException {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        requireStorable(role);
        Instant now = SqlSupport.now(clock);
        try (PreparedStatement ps = SqlSupport.prepareInsert(c,
                "INSERT INTO accounts (username, username_key, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, usernameKey(username));
            ps.setString(3, passwordHash);
            ps.setString(4, role.name());
            SqlSupport.setInstant(ps, 5, now);
            long id = SqlSupport.executeInsertReturningId(ps);
            return new Account(id, username, passwordHash, role, now, null);
        } catch (SQLException e) {
            if (SqlSupport.isUniqueViolation(e)) {
                throw new UsernameTakenException(username);
            }
            throw e;
        }
    }

    /** Looks the name up case-insensitively. */
    public Optional<Account> findByUsername(Connection c, String username) throws SQLException {
        return findOne(c, "SELECT " + COLUMNS + " FROM accounts WHERE username_key = ?", usernameKey(username));
    }

    public Optional<Account> findById(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            return readOne(ps);
        }
    }

    /** Every account, by id; the room keeps them in memory to show offline members. */
    public List<Account> all(Connection c) throws SQLException {
        List<Account> all = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM accounts WHERE account_status = 'ACTIVE' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accounts");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Stores an account that must be approved by an admin before it can sign in.
     *
     * @throws UsernameTakenException as {@link #create}
     */
    public Account createPending(Connection c, String username, String passwordHash) throws SQLException {
        Account account = create(c, username, passwordHash, Role.MEMBER);
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET account_status = 'PENDING' WHERE id = ?")) {
            ps.setLong(1, account.id());
            ps.executeUpdate();
        }
        return account;
    }

    public boolean isPending(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT account_status FROM accounts WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && "PENDING".equals(rs.getString(1));
            }
        }
    }

    /** Accounts waiting for approval by id after {@code afterId}, at most {@code limit}. */
    public List<Account> pending(Connection c, long afterId, int limit) throws SQLException {
        List<Account> found = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM accounts WHERE account_status = 'PENDING' AND id > ? ORDER BY id LIMIT ?")) {
            ps.setLong(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
        }
        return found;
    }

    /** Lets a pending account sign in. @return the account, empty if it was not pending */
    public Optional<Account> approve(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET account_status = 'ACTIVE' WHERE id = ? AND account_status = 'PENDING'")) {
            ps.setLong(1, id);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return findById(c, id);
    }

    /** Deletes a pending account (never an active one). @return false if it was not pending */
    public boolean deletePending(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM accounts WHERE id = ? AND account_status = 'PENDING'")) {
            ps.setLong(1, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return false if no such account */
    public boolean setRole(Connection c, long id, Role role) throws SQLException {
        requireStorable(role);
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET role = ? WHERE id = ?")) {
            ps.setString(1, role.name());
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return false if no such account */
    public boolean setPasswordHash(Connection c, long id, String passwordHash) throws SQLException {
        Objects.requireNonNull(passwordHash, "passwordHash");
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** Sets last_seen_at to now. @return false if no such account */
    public boolean touchLastSeen(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE accounts SET last_seen_at = ? WHERE id = ?")) {
            SqlSupport.setInstant(ps, 1, SqlSupport.now(clock));
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** The case-insensitive key usernames are unique by. */
    public static String usernameKey(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static void requireStorable(Role role) {
        Objects.requireNonNull(role, "role");
        if (role == Role.GUEST) {
            throw new IllegalArgumentException("guests are not stored as accounts");
        }
    }

    private static Optional<Account> findOne(Connection c, String sql, String param) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            return readOne(ps);
        }
    }

    private static Optional<Account> readOne(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static Account read(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), SqlSupport.getInstant(rs, "created_at"),
                SqlSupport.getInstant(rs, "last_seen_at"));
    }
}
