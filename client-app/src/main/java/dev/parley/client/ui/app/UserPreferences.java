package dev.parley.client.ui.app;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything Parley remembers for one OS user. Immutable; change it through {@link PreferencesStore#update}.
 *
 * @param theme           "dark" or "light"
 * @param hostCredentials the generated admin account per hosted room folder
 * @param awayAfterMinutes idle minutes before my presence turns "away" by itself; 0 never (absent: {@value #DEFAULT_AWAY_MINUTES})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserPreferences(List<RecentServer> recentServers, String username, String theme, boolean notifications,
                              VoicePreferences voice, Map<String, HostCredentials> hostCredentials,
                              String hostRoomName, int hostPort, Integer awayAfterMinutes) {
    public static final int MAX_RECENT = 8;
    public static final String DARK = "dark";
    public static final String LIGHT = "light";
    public static final int DEFAULT_AWAY_MINUTES = 10;

    public UserPreferences {
        recentServers = recentServers == null ? List.of() : List.copyOf(recentServers);
        username = username == null ? "" : username;
        theme = LIGHT.equals(theme) ? LIGHT : DARK;
        voice = voice == null ? VoicePreferences.defaults() : voice;
        hostCredentials = hostCredentials == null ? Map.of() : Map.copyOf(hostCredentials);
        hostRoomName = hostRoomName == null || hostRoomName.isBlank() ? "" : hostRoomName;
        hostPort = hostPort <= 0 ? 7720 : hostPort;
        awayAfterMinutes = awayAfterMinutes == null || awayAfterMinutes < 0 ? DEFAULT_AWAY_MINUTES : awayAfterMinutes;
    }

    public static UserPreferences defaults() {
        return new UserPreferences(List.of(), "", DARK, true, VoicePreferences.defaults(), Map.of(), "", 7720, DEFAULT_AWAY_MINUTES);
    }

    /** Puts {@code server} first, drops an older entry for the same address, keeps {@value #MAX_RECENT}. */
    public UserPreferences withRecentServer(RecentServer server) {
        List<RecentServer> list = new ArrayList<>();
        list.add(server);
        recentServers.stream().filter(old -> !old.sameServer(server)).forEach(list::add);
        return new UserPreferences(list.subList(0, Math.min(MAX_RECENT, list.size())), username, theme, notifications,
                voice, hostCredentials, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withUsername(String value) {
        return new UserPreferences(recentServers, value, theme, notifications, voice, hostCredentials, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withTheme(String value) {
        return new UserPreferences(recentServers, username, value, notifications, voice, hostCredentials, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withNotifications(boolean value) {
        return new UserPreferences(recentServers, username, theme, value, voice, hostCredentials, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withVoice(VoicePreferences value) {
        return new UserPreferences(recentServers, username, theme, notifications, value, hostCredentials, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withHostCredentials(String roomFolder, HostCredentials credentials) {
        Map<String, HostCredentials> map = new java.util.HashMap<>(hostCredentials);
        map.put(roomFolder, credentials);
        return new UserPreferences(recentServers, username, theme, notifications, voice, map, hostRoomName, hostPort, awayAfterMinutes);
    }

    public UserPreferences withHostDefaults(String roomName, int port) {
        return new UserPreferences(recentServers, username, theme, notifications, voice, hostCredentials, roomName, port, awayAfterMinutes);
    }

    public UserPreferences withAwayAfterMinutes(int value) {
        return new UserPreferences(recentServers, username, theme, notifications, voice, hostCredentials, hostRoomName,
                hostPort, value);
    }
}
