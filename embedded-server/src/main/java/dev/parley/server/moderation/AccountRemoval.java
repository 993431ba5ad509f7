package dev.parley.server.moderation;

import dev.parley.protocol.control.message.Moderation;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.room.Room;
import dev.parley.server.session.SignIn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Deleting an account: its direct messages (both sides: a conversation with a deleted account
 * cannot be shown to anyone) and the account row go; its channel messages stay under the name they
 * were sent with. Then the room forgets it. SQL on the database thread, the rest on the room thread.
 */
public final class AccountRemoval {
    private final Room room;
    private final SignIn signIn;

    public AccountRemoval(Room room, SignIn signIn) {
        this.room = room;
        this.signIn = signIn;
    }

    /** @return false when there is no such account */
    public boolean erase(Connection c, long accountId) throws SQLException {
        update(c, "DELETE FROM messages WHERE dm_low = ? OR dm_high = ?", accountId, accountId);
        update(c, "UPDATE messages SET author_id = NULL WHERE author_id = ?", accountId);
        return update(c, "DELETE FROM accounts WHERE id = ?", accountId) > 0;
    }

    /** After the commit: closes the account's session, if any, and tells everyone it is gone. Room thread. */
    public void forget(long accountId, String message) {
        room.online(accountId).ifPresent(user -> {
            user.link().announceAndClose(CloseCodes.DELETED, "deleted", message);
            signIn.leave(user);
        });
        room.account(accountId).ifPresent(account -> signIn.accountRemoved(account.info().name()));
        room.forget(accountId);
        room.unlocks().forgetUser(accountId);
        room.broadcastToAll(new Moderation.UserRemoved(accountId));
    }

    private static int update(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }
}
