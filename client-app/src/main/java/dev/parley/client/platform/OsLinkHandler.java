package dev.parley.client.platform;

import java.awt.Desktop;
import java.awt.GraphicsEnvironment;
import java.util.function.Consumer;

/**
 * macOS does not pass a clicked {@code parley://} link as a program argument: it sends an "open URI" Apple
 * event, which Java delivers through {@link Desktop#setOpenURIHandler}. Installed before JavaFX starts so
 * the event that launched the app is not lost. Elsewhere the link arrives as an argument and this does
 * nothing.
 */
public final class OsLinkHandler {
    private OsLinkHandler() {
    }

    /** Routes the OS's "open this URI" events to {@code onLink}; false when this OS has none (Linux, Windows, headless). */
    public static boolean install(Consumer<String> onLink) {
        // Only macOS has the event. Asking java.awt.Desktop anywhere else starts AWT, which loads GTK 2 on
        // Linux, and JavaFX then refuses to start ("Unable to load glass GTK library").
        if (!System.getProperty("os.name", "").startsWith("Mac")) {
            return false;
        }
        if (GraphicsEnvironment.isHeadless() || !Desktop.isDesktopSupported()) {
            return false;
        }
        Desktop desktop = Desktop.getDesktop();
        if (!desktop.isSupported(Desktop.Action.APP_OPEN_URI)) {
            return false;
        }
        desktop.setOpenURIHandler(event -> onLink.accept(event.getURI().toString()));
        return true;
    }
}
