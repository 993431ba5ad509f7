package dev.parley.client.ui.voice;

import dev.parley.client.ui.app.PreferencesStore;
import java.util.HashMap;
import java.util.Map;

/**
 * How loud I hear each user, remembered per room by user name (a guest's id changes with every visit,
 * the name does not) and handed to voice by id whenever that user is in the room. UI thread only.
 */
public final class UserVolumes {
    public static final int DEFAULT_PERCENT = 100;
    public static final int MAX_PERCENT = 200;

    private final PreferencesStore preferences;
    private final String server;
    private final VoiceControls voice;
    /** What voice has been told, by user id. */
    private final Map<Long, Integer> applied = new HashMap<>();

    /** @param server the room as "host:port" */
    public UserVolumes(PreferencesStore preferences, String server, VoiceControls voice) {
        this.preferences = preferences;
        this.server = server;
        this.voice = voice;
    }

    static String key(String server, String userName) {
        return server + "/" + userName;
    }

    public int volumeOf(String userName) {
        return preferences.get().voice().userVolumes().getOrDefault(key(server, userName), DEFAULT_PERCENT);
    }

    /** Applies at once; {@code remember} also keeps it for the next visit (when the slider settles). */
    public void set(long userId, String userName, int percent, boolean remember) {
        int clamped = Math.max(0, Math.min(MAX_PERCENT, percent));
        tell(userId, clamped);
        if (remember && volumeOf(userName) != clamped) {
            preferences.update(prefs -> prefs.withVoice(prefs.voice().withUserVolume(key(server, userName), clamped)));
        }
    }

    /** A user is in the room: tells voice their remembered volume, once per change. */
    public void userPresent(long userId, String userName) {
        int remembered = volumeOf(userName);
        if (remembered != DEFAULT_PERCENT || applied.containsKey(userId)) {
            tell(userId, remembered);
        }
    }

    private void tell(long userId, int percent) {
        Integer before = applied.put(userId, percent);
        if (before == null || before != percent) {
            voice.setUserVolume(userId, percent);
        }
    }
}
