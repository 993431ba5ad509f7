package dev.parley.server.notify;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.NotifyLevel;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification_settings table: one row per account and conversation (or the account's room
 * default) that says more than the defaults. Stateless and thread-safe; all database work runs on the
 * database thread, in order, so update-then-insert needs no portable upsert syntax.
 */
public final class NotifySettingsRepository {
    private static final String ROOM = "room";
    private static final String CHANNEL = "channel";
    private static final String DIRECT = "direct";

    /** Every setting of {@code account}: the room default first, then channels, then direct messages, by id. */
    public List<Notify.Entry> all(Connection c, long account) throws SQLException {
        List<Notify.Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, target_id, level, muted_until"
                + " FROM notification_settings WHERE account_id = ?"
                + " ORDER BY CASE kind WHEN 'room' THEN 0 WHEN 'channel' THEN 1 ELSE 2 END, target_id")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(read(rs));
                }
            }
        }
        return entries;
    }

    /** Stores {@code entry} for {@code account}, or forgets the conversation's row when it says nothing. */
    public void save(Connection c, long account, Notify.Entry entry) throws SQLException {
        String kind = kind(entry);
        long target = target(entry);
        if (entry.empty()) {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM notification_settings WHERE account_id = ? AND kind = ? AND target_id = ?")) {
                delete.setLong(1, account);
                delete.setString(2, kind);
                delete.setLong(3, target);
                delete.executeUpdate();
            }
            return;
        }
        String level = entry.level() == null ? null : entry.level().wire();
        Instant mutedUntil = entry.mutedUntil() == null ? null : Instant.ofEpochMilli(entry.mutedUntil());
        try (PreparedStatement update = c.prepareStatement("UPDATE notification_settings SET level = ?, muted_until = ?"
                + " WHERE account_id = ? AND kind = ? AND target_id = ?")) {
            update.setString(1, level);
            SqlSupport.setInstant(update, 2, mutedUntil);
            update.setLong(3, account);
            update.setString(4, kind);
            update.setLong(5, target);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        if (count(c, account) >= Notify.MAX_SETTINGS) {
            throw new Refusal(ErrorCode.LIMIT_REACHED, "You have " + Notify.MAX_SETTINGS
                    + " notification settings, the most a room keeps; clear some first.");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notification_settings"
                + " (account_id, kind, target_id, level, muted_until) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, account);
            insert.setString(2, kind);
            insert.setLong(3, target);
            insert.setString(4, level);
            SqlSupport.setInstant(insert, 5, mutedUntil);
            insert.executeUpdate();
        }
    }

    private static int count(Connection c, long account) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notification_settings WHERE account_id = ?")) {
            ps.setLong(1, account);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static String kind(Notify.Entry entry) {
        return entry.channelId() != null ? CHANNEL : entry.userId() != null ? DIRECT : ROOM;
    }

    private static long target(Notify.Entry entry) {
        return entry.channelId() != null ? entry.channelId() : entry.userId() != null ? entry.userId() : 0;
    }

    private static Notify.Entry read(ResultSet rs) throws SQLException {
        String kind = rs.getString("kind");
        long target = rs.getLong("target_id");
        String level = rs.getString("level");
        Instant mutedUntil = SqlSupport.getInstant(rs, "muted_until");
        return new Notify.Entry(CHANNEL.equals(kind) ? target : null, DIRECT.equals(kind) ? target : null,
                level == null ? null : NotifyLevel.fromWire(level), mutedUntil == null ? null : mutedUntil.toEpochMilli());
    }
}
