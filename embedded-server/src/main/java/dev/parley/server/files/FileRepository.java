package dev.parley.server.files;

import dev.parley.protocol.control.model.FileInfo;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The stored_files table and the attachment columns of messages. Every method runs on the connection it
 * is given, inside the caller's transaction. Stateless and thread-safe.
 */
public final class FileRepository {

    /** Bytes the room's files take (contents and thumbnails), and how many contents there are. */
    public record Usage(long bytes, long files) {
    }

    /** What the stored content costs (content plus thumbnail), if it is stored. */
    public OptionalLong storedBytes(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT size_bytes + thumb_bytes FROM stored_files WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    public void insertStored(Connection c, String sha256, long size, long thumbBytes, String mediaType, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO stored_files (sha256, size_bytes, thumb_bytes,"
                + " media_type, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, sha256);
            ps.setLong(2, size);
            ps.setLong(3, thumbBytes);
            ps.setString(4, mediaType);
            SqlSupport.setInstant(ps, 5, now);
            ps.executeUpdate();
        }
    }

    /** Puts the file on a message that has none (a repeated nonce finds its message already carrying one). */
    public void attach(Connection c, long messageId, FileInfo file) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE messages SET file_sha256 = ?, file_name = ?,"
                + " file_size = ?, file_type = ?, file_width = ?, file_height = ?, file_thumb = ?"
                + " WHERE id = ? AND file_sha256 IS NULL")) {
            ps.setString(1, file.sha256());
            ps.setString(2, file.name());
            ps.setLong(3, file.size());
            ps.setString(4, file.mediaType());
            setNullableInt(ps, 5, file.width());
            setNullableInt(ps, 6, file.height());
            ps.setBoolean(7, file.thumbnail());
            ps.setLong(8, messageId);
            ps.executeUpdate();
        }
    }

    public Usage usage(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(size_bytes + thumb_bytes), 0), COUNT(*) FROM stored_files");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Usage(rs.getLong(1), rs.getLong(2));
        }
    }

    /** Stored contents no message refers to any more (deleted messages have their columns cleared). */
    public List<String> orphans(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.sha256 FROM stored_files s WHERE NOT EXISTS"
                + " (SELECT 1 FROM messages m WHERE m.file_sha256 = s.sha256)");
             ResultSet rs = ps.executeQuery()) {
            List<String> hashes = new ArrayList<>();
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
            return hashes;
        }
    }

    public List<String> allStored(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM stored_files");
             ResultSet rs = ps.executeQuery()) {
            List<String> hashes = new ArrayList<>();
            while (rs.next()) {
                hashes.add(rs.getString(1));
            }
            return hashes;
        }
    }

    /** @return the bytes the row accounted for, 0 if it was gone */
    public long deleteStored(Connection c, String sha256) throws SQLException {
        OptionalLong bytes = storedBytes(c, sha256);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM stored_files WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            ps.executeUpdate();
        }
        return bytes.orElse(0);
    }

    private static void setNullableInt(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }
}
