package dev.parley.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Where Parley keeps its data and its logs, following each OS's convention:
 * <ul>
 *   <li>Windows: data in {@code %APPDATA%\Parley} (roams with the profile), logs in
 *       {@code %LOCALAPPDATA%\Parley\Logs} (machine-local, not worth roaming);</li>
 *   <li>macOS: {@code ~/Library/Application Support/Parley} and {@code ~/Library/Logs/Parley} (where
 *       Console.app looks);</li>
 *   <li>Linux and the rest: {@code $XDG_DATA_HOME/parley} and {@code $XDG_STATE_HOME/parley/logs}, else
 *       {@code ~/.local/share/parley} and {@code ~/.local/state/parley/logs}. The XDG spec says a relative
 *       value is invalid and must be ignored, and so it is.</li>
 * </ul>
 * The one place both the server ({@code DataDirs}) and the client ({@code ClientDirs}) ask. Immutable.
 *
 * @param data per-user data folder (preferences, known rooms, hosted rooms under {@code server/})
 * @param logs per-user log folder
 */
public record AppDirs(Path data, Path logs) {
    public static final String APP = "Parley";

    public AppDirs {
        if (data == null || logs == null) {
            throw new IllegalArgumentException("AppDirs needs a data and a log folder.");
        }
    }

    /** This user's folders on this machine. */
    public static AppDirs forCurrentUser() {
        return of(System.getProperty("os.name", ""), System::getenv, System.getProperty("user.home"));
    }

    /**
     * The folders for an OS name (as in {@code os.name}), an environment and a home folder: tests simulate
     * each OS through this.
     */
    public static AppDirs of(String osName, Function<String, String> env, String home) {
        if (home == null || home.isBlank()) {
            throw new IllegalArgumentException("No home folder: set user.home.");
        }
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String roaming = nonBlank(env.apply("APPDATA"));
            String local = nonBlank(env.apply("LOCALAPPDATA"));
            Path data = roaming != null ? Path.of(roaming, APP) : Path.of(home, "AppData", "Roaming", APP);
            Path logs = local != null ? Path.of(local, APP, "Logs") : Path.of(home, "AppData", "Local", APP, "Logs");
            return new AppDirs(data, logs);
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return new AppDirs(Path.of(home, "Library", "Application Support", APP), Path.of(home, "Library", "Logs", APP));
        }
        String dataHome = absolute(env.apply("XDG_DATA_HOME"));
        String stateHome = absolute(env.apply("XDG_STATE_HOME"));
        Path data = dataHome != null ? Path.of(dataHome, "parley") : Path.of(home, ".local", "share", "parley");
        Path logs = stateHome != null ? Path.of(stateHome, "parley", "logs") : Path.of(home, ".local", "state", "parley", "logs");
        return new AppDirs(data, logs);
    }

    /** Where a hosted room keeps its database unless told otherwise. */
    public Path serverDir() {
        return data.resolve("server");
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String absolute(String value) {
        return value != null && value.startsWith("/") ? value : null;
    }
}
