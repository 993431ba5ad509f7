package dev.parley.client.core;

import dev.parley.platform.AppDirs;
import java.nio.file.Path;

/**
 * Where the client keeps its files: {@link AppDirs}, the same per-user Parley folder the server's
 * {@code DataDirs} uses (the core may not call the server).
 */
public final class ClientDirs {
    private ClientDirs() {
    }

    /** The per-user application data folder, e.g. {@code ~/.local/share/parley} on Linux. */
    public static Path userDataDir() {
        return AppDirs.forCurrentUser().data();
    }

    /** The per-user log folder, e.g. {@code ~/.local/state/parley/logs} on Linux. */
    public static Path logDir() {
        return AppDirs.forCurrentUser().logs();
    }
}
