package dev.parley.server.moderation;

import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The bans table. Runs inside the caller's transaction. Stateless and thread-safe. */
public final class BanRepository {
    private static final String COLUMNS =
            "id, account_id, subject_id, subject_name, address, reason, created_at, expires_at, actor_id, actor_name";
    private static final String ACTIVE = "lifted_at IS NULL AND (expires_at IS NULL OR expires_at > ?)";

    public StoredBan insert(Connection c, StoredBan ban) throws SQLException {
        try (PreparedStatement ps = SqlSupport.prepareInsert(c, "INSERT INTO bans (account_id, subject_id, subject_name,"
                + " address, reason, created_at, expires_at, actor_id, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            SqlSupport.setNullableLong(ps, 1, ban.accountId());
            SqlSupport.setNullableLong(ps, 2, ban.subjectId());
            setNullableString(ps, 3, ban.subjectName());
            setNullableString(ps, 4, ban.address());
            setNullableString(ps, 5, ban.reason());
            SqlSupport.setInstant(ps, 6, ban.createdAt());
            SqlSupport.setInstant(ps, 7, ban.expiresAt());
            ps.setLong(8, ban.actorId());
            ps.setString(9, ban.actorName());
            long id = SqlSupport.executeInsertReturningId(ps);
            return new StoredBan(id, ban.accountId(), ban.subjectId(), ban.subjectName(), ban.address(), ban.reason(),
                    ban.createdAt(), ban.expiresAt(), ban.actorId(), ban.actorName());
        }
    }

    /** Every ban in force at {@code now}; loaded at start so sign-in checks need no SQL. */
    public List<StoredBan> active(Connection c, Instant now) throws SQLException {
        return page(c, now, null, Integer.MAX_VALUE);
    }

    /** Bans in force, newest first, with ids below {@code beforeId} (null: from the newest). */
    public List<StoredBan> page(Connection c, Instant now, Long beforeId, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM bans WHERE " + ACTIVE + (beforeId == null ? "" : " AND id < ?")
                + " ORDER BY id DESC";
        List<StoredBan> bans = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            SqlSupport.setInstant(ps, 1, now);
            if (beforeId != null) {
                ps.setLong(2, beforeId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bans.add(read(rs));
                }
            }
        }
        return bans;
    }

    /** @return false when there is no such ban in force */
    public boolean lift(Connection c, long id, long liftedBy, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE bans SET lifted_at = ?, lifted_by = ? WHERE id = ? AND " + ACTIVE)) {
            SqlSupport.setInstant(ps, 1, now);
            ps.setLong(2, liftedBy);
            ps.setLong(3, id);
            SqlSupport.setInstant(ps, 4, now);
            return ps.executeUpdate() > 0;
        }
    }

    private static StoredBan read(ResultSet rs) throws SQLException {
        return new StoredBan(rs.getLong("id"), SqlSupport.getNullableLong(rs, "account_id"),
                SqlSupport.getNullableLong(rs, "subject_id"), rs.getString("subject_name"), rs.getString("address"),
                rs.getString("reason"), SqlSupport.getInstant(rs, "created_at"), SqlSupport.getInstant(rs, "expires_at"),
                rs.getLong("actor_id"), rs.getString("actor_name"));
    }

    static void setNullableString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
