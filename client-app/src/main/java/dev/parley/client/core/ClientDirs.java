package dev.parley.client.core;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the client keeps its files: the same per-user Parley folder as the server's
 * {@code DataDirs.userDataDir()}, which the core may not call (it must not depend on the server).
 */
public final class ClientDirs {
    private ClientDirs() {
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
}
