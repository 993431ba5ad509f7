package dev.parley.server.settings;

import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.server.db.SqlSupport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The room settings an admin changed, as rows of the {@code server_settings} table: only the
 * settings that were changed have a row, so the others keep following the command line. Stateless.
 */
final class SettingsStore {
    static final String NAME = "room.name";
    static final String PASSWORD = "room.password";
    static final String GUESTS = "room.guests";
    static final String REGISTRATION = "room.registration";

    /** The stored settings by key; keys never changed by an admin are absent. */
    Map<String, String> stored(Connection c) throws SQLException {
        Map<String, String> found = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT setting_key, setting_value FROM server_settings WHERE setting_key IN (?, ?, ?, ?)")) {
            ps.setString(1, NAME);
            ps.setString(2, PASSWORD);
            ps.setString(3, GUESTS);
            ps.setString(4, REGISTRATION);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return found;
    }

    /** Stores the fields the request carries (a removed password is stored as "", so it stays removed). */
    void save(Connection c, RoomAdmin.Update update) throws SQLException {
        if (update.name() != null) {
            put(c, NAME, update.name());
        }
        if (update.password() != null) {
            put(c, PASSWORD, update.password());
        }
        if (update.guestsAllowed() != null) {
            put(c, GUESTS, Boolean.toString(update.guestsAllowed()));
        }
        if (update.registration() != null) {
            put(c, REGISTRATION, update.registration().wire());
        }
    }

    private static void put(Connection c, String key, String value) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE server_settings SET setting_value = ? WHERE setting_key = ?")) {
            update.setString(1, value);
            update.setString(2, key);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO server_settings (setting_key, setting_value) VALUES (?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, value);
            SqlSupport.insertIgnoringDuplicate(c, insert);
        }
    }
}
