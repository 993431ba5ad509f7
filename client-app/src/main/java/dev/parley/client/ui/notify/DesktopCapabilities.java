package dev.parley.client.ui.notify;

import java.awt.GraphicsEnvironment;
import java.awt.SystemTray;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What this machine offers for OS notifications. Immutable.
 *
 * @param traySupported    AWT is not headless and {@link SystemTray#isSupported()} says yes
 * @param notifySendOnPath an executable {@code notify-send} is on {@code PATH}
 * @param osName           the {@code os.name} system property
 */
public record DesktopCapabilities(boolean traySupported, boolean notifySendOnPath, String osName) {
    /** Nothing but the in-app toast (tests, {@code -Dparley.noDesktopNotifications=true}). */
    public static final DesktopCapabilities NONE = new DesktopCapabilities(false, false, "none");

    public DesktopCapabilities {
        osName = osName == null ? "" : osName;
    }

    public boolean linux() {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }

    /**
     * Probes the real machine. Loads the AWT toolkit for the tray check, so call it off the JavaFX
     * thread; never throws.
     */
    public static DesktopCapabilities detect() {
        boolean tray;
        try {
            tray = !GraphicsEnvironment.isHeadless() && SystemTray.isSupported();
        } catch (RuntimeException | LinkageError e) {
            // A broken AWT (missing native libraries) must not cost the user the fallbacks.
            tray = false;
        }
        return new DesktopCapabilities(tray, onPath(System.getenv("PATH"), "notify-send"), System.getProperty("os.name"));
    }

    /** Whether {@code executable} is an executable file in one of {@code pathVariable}'s directories. */
    static boolean onPath(String pathVariable, String executable) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return false;
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, executable);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return true;
                }
            } catch (RuntimeException e) {
                // An unparsable PATH entry is skipped, like the shell would.
            }
        }
        return false;
    }
}
