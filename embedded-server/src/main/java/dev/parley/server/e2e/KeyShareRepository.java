package dev.parley.server.e2e;

import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.E2e;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts' published identity keys and the sealed copies of shared-key channels' keys. Only public keys
 * and copies the server cannot open. Runs on the connection it is given, inside the caller's transaction.
 */
public final class KeyShareRepository {

    public void publish(Connection c, long accountId, String publicKey, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE identity_keys SET public_key = ?, updated_at = ? WHERE account_id = ?")) {
            update.setString(1, publicKey);
            SqlSupport.setInstant(update, 2, now);
            update.setLong(3, accountId);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO identity_keys (account_id, public_key, updated_at) VALUES (?, ?, ?)")) {
            insert.setLong(1, accountId);
            insert.setString(2, publicKey);
            SqlSupport.setInstant(insert, 3, now);
            insert.executeUpdate();
        }
    }

    /** The identity keys of those of {@code accountIds} that published one. */
    public Map<Long, String> identities(Connection c, Collection<Long> accountIds) throws SQLException {
        Map<Long, String> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT public_key FROM identity_keys WHERE account_id = ?")) {
            for (long id : accountIds) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.put(id, rs.getString(1));
                    }
                }
            }
        }
        return found;
    }

    public Optional<String> identity(Connection c, long accountId) throws SQLException {
        return Optional.ofNullable(identities(c, List.of(accountId)).get(accountId));
    }

    public void store(Connection c, long channelId, int epoch, long senderId, String senderKey,
                      List<Channels.KeyShare> shares) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO channel_key_shares"
                + " (channel_id, epoch, account_id, sender_id, sender_key, recipient_key, wrapped)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Channels.KeyShare share : shares) {
                ps.setLong(1, channelId);
                ps.setInt(2, epoch);
                ps.setLong(3, share.userId());
                ps.setLong(4, senderId);
                ps.setString(5, senderKey);
                ps.setString(6, share.recipientKey());
                ps.setString(7, share.wrapped());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** {@code accountId}'s copies for {@code channelId}, newest epoch first, below {@code beforeEpoch} if given. */
    public List<E2e.StoredShare> sharesFor(Connection c, long channelId, long accountId, Integer beforeEpoch, int limit)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT epoch, sender_id, sender_key, recipient_key, wrapped"
                + " FROM channel_key_shares WHERE channel_id = ? AND account_id = ? AND epoch < ?"
                + " ORDER BY epoch DESC LIMIT " + limit)) {
            ps.setLong(1, channelId);
            ps.setLong(2, accountId);
            ps.setInt(3, beforeEpoch == null ? Integer.MAX_VALUE : beforeEpoch);
            List<E2e.StoredShare> shares = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    shares.add(new E2e.StoredShare(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
            }
            return shares;
        }
    }
}
