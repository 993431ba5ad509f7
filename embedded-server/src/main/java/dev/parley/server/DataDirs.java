package dev.parley.server;

import java.nio.file.Path;
import java.util.Locale;

/** Where Parley keeps its data on each desktop OS, following each platform's convention. */
public final class DataDirs {
    private DataDirs() {
    }

    /** The per-user application data folder, e.g. {@code ~/.local/share/parley} on Linux. */
    public static Path userDataDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData, "Parley") : Path.of(home, "AppData", "Roaming", "Parley");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Parley");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "parley") : Path.of(home, ".local", "share", "parley");
    }

    /** Where a hosted room keeps its database unless told otherwise. */
    public static Path defaultServerDir() {
        return userDataDir().resolve("server");
    }
}
