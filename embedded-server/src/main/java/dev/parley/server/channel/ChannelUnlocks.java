package dev.parley.server.channel;

import dev.parley.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who proved which locked channel's password, and against which password hash: a changed password
 * no longer matches, so the proof lapses by itself. Kept in memory for the room thread and, for
 * accounts, in the database (so a reconnect or a restart keeps it); a guest's proof lasts for its id
 * in this run. Room thread only; writes go to the database thread in order.
 */
public final class ChannelUnlocks {
    private static final Logger log = LoggerFactory.getLogger(ChannelUnlocks.class);

    private final Map<Long, Map<Long, String>> byUser = new HashMap<>();
    private final Database database;

    private ChannelUnlocks(Database database) {
        this.database = database;
    }

    /** Proofs kept in memory only, for a room without a database (tests of the room's own logic). */
    public static ChannelUnlocks inMemory() {
        return new ChannelUnlocks(null);
    }

    /** Loads the stored proofs of accounts. */
    public static ChannelUnlocks load(Database database) {
        ChannelUnlocks unlocks = new ChannelUnlocks(database);
        database.transact(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, channel_id, password_hash FROM channel_unlocks");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    unlocks.remember(rs.getLong(1), rs.getLong(2), rs.getString(3));
                }
            }
            return null;
        });
        return unlocks;
    }

    public boolean unlocked(long userId, long channelId, String passwordHash) {
        Map<Long, String> channels = byUser.get(userId);
        return passwordHash != null && channels != null && passwordHash.equals(channels.get(channelId));
    }

    public void unlock(long userId, long channelId, String passwordHash) {
        remember(userId, channelId, passwordHash);
        if (userId > 0) {
            store(c -> {
                delete(c, "DELETE FROM channel_unlocks WHERE account_id = ? AND channel_id = ?", userId, channelId);
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO channel_unlocks (account_id, channel_id, password_hash) VALUES (?, ?, ?)")) {
                    ps.setLong(1, userId);
                    ps.setLong(2, channelId);
                    ps.setString(3, passwordHash);
                    ps.executeUpdate();
                }
            });
        }
    }

    /** A moderator moved the user out of the channel. */
    public void relock(long userId, long channelId) {
        Map<Long, String> channels = byUser.get(userId);
        if (channels != null && channels.remove(channelId) != null && userId > 0) {
            store(c -> delete(c, "DELETE FROM channel_unlocks WHERE account_id = ? AND channel_id = ?", userId, channelId));
        }
    }

    /** Kicked, banned or deleted: every proof goes. */
    public void forgetUser(long userId) {
        if (byUser.remove(userId) != null && userId > 0) {
            store(c -> delete(c, "DELETE FROM channel_unlocks WHERE account_id = ?", userId));
        }
    }

    private void remember(long userId, long channelId, String passwordHash) {
        byUser.computeIfAbsent(userId, id -> new HashMap<>()).put(channelId, passwordHash);
    }

    private interface Statement {
        void run(Connection c) throws SQLException;
    }

    private void store(Statement statement) {
        if (database == null) {
            return;
        }
        database.submit(c -> {
            statement.run(c);
            return null;
        }).exceptionally(error -> {
            // The room keeps the proof in memory; only a restart would forget it.
            log.warn("Could not store a channel password proof: {}", error.toString());
            return null;
        });
    }

    private static void delete(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
