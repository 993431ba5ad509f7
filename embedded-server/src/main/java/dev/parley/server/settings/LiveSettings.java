package dev.parley.server.settings;

import dev.parley.server.ServerConfig;
import dev.parley.server.db.Database;
import dev.parley.server.registration.RegistrationMode;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's settings now: the command line's values, overridden by what an admin changed and the
 * database kept. Thread-safe: the room thread replaces the value, any thread (health endpoint) reads it.
 */
public final class LiveSettings {
    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private volatile RoomSettings current;

    LiveSettings(RoomSettings initial) {
        this.current = initial;
    }

    /** Reads the stored settings at start; each one an admin changed wins over its command-line option. */
    public static LiveSettings load(Database database, ServerConfig config) {
        Map<String, String> stored = database.transact(new SettingsStore()::stored);
        RoomSettings fromOptions = new RoomSettings(config.roomName(), config.serverPassword(), config.guestsAllowed(),
                config.registration().mode());
        RoomSettings settings = new RoomSettings(
                stored.getOrDefault(SettingsStore.NAME, fromOptions.name()),
                stored.containsKey(SettingsStore.PASSWORD) ? stored.get(SettingsStore.PASSWORD) : fromOptions.password(),
                stored.containsKey(SettingsStore.GUESTS) ? Boolean.parseBoolean(stored.get(SettingsStore.GUESTS))
                        : fromOptions.guestsAllowed(),
                stored.containsKey(SettingsStore.REGISTRATION) ? RegistrationMode.parse(stored.get(SettingsStore.REGISTRATION))
                        : fromOptions.registration());
        if (!settings.equals(fromOptions)) {
            log.info("An admin changed this room's settings in the app; they override the options given at start: {}",
                    settings.changesSince(fromOptions));
        }
        return new LiveSettings(settings);
    }

    public RoomSettings current() {
        return current;
    }

    void replace(RoomSettings next) {
        current = next;
    }
}
