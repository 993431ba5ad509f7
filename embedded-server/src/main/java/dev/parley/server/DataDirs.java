package dev.parley.server;

import dev.parley.platform.AppDirs;
import java.nio.file.Path;

/** Where Parley keeps its data on each desktop OS: {@link AppDirs}, the one place server and client share. */
public final class DataDirs {
    private DataDirs() {
    }

    /** The per-user application data folder, e.g. {@code ~/.local/share/parley} on Linux. */
    public static Path userDataDir() {
        return AppDirs.forCurrentUser().data();
    }

    /** Where a hosted room keeps its database unless told otherwise. */
    public static Path defaultServerDir() {
        return AppDirs.forCurrentUser().serverDir();
    }
}
