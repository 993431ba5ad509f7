package dev.parley.server.moderation;

import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit_log table of moderation actions. Runs inside the caller's transaction. Stateless, thread-safe. */
public final class AuditLog {
    /** One action to record; ids and names are snapshots, so the log outlives renamed or deleted accounts. */
    public record Action(long actorId, String actorName, String action, Long targetId, String targetName,
                         Long channelId, String reason, String detail) {
    }

    public void insert(Connection c, Action action, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (created_at, actor_id, actor_name, action,"
                + " target_id, target_name, channel_id, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            SqlSupport.setInstant(ps, 1, at);
            ps.setLong(2, action.actorId());
            ps.setString(3, action.actorName());
            ps.setString(4, action.action());
            SqlSupport.setNullableLong(ps, 5, action.targetId());
            BanRepository.setNullableString(ps, 6, action.targetName());
            SqlSupport.setNullableLong(ps, 7, action.channelId());
            BanRepository.setNullableString(ps, 8, action.reason());
            BanRepository.setNullableString(ps, 9, action.detail());
            ps.executeUpdate();
        }
    }

    /** Newest first, ids below {@code beforeId} (null: from the newest). */
    public List<AuditEntry> page(Connection c, Long beforeId, int limit) throws SQLException {
        String sql = "SELECT id, created_at, actor_id, actor_name, action, target_id, target_name, channel_id, reason,"
                + " detail FROM audit_log" + (beforeId == null ? "" : " WHERE id < ?") + " ORDER BY id DESC";
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(limit);
            if (beforeId != null) {
                ps.setLong(1, beforeId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new AuditEntry(rs.getLong("id"), SqlSupport.getInstant(rs, "created_at").toEpochMilli(),
                            rs.getLong("actor_id"), rs.getString("actor_name"), rs.getString("action"),
                            SqlSupport.getNullableLong(rs, "target_id"), rs.getString("target_name"),
                            SqlSupport.getNullableLong(rs, "channel_id"), rs.getString("reason"), rs.getString("detail")));
                }
            }
        }
        return entries;
    }
}
