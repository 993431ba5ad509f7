package dev.parley.client.ui.app;

import dev.parley.client.core.net.JoinLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the running app does with a link handed to it while it runs (a second start, macOS's open-URI
 * event): show the window, and join unless the user is already in a room. FX thread only.
 */
public final class HandedLinks {
    private static final Logger log = LoggerFactory.getLogger(HandedLinks.class);

    private HandedLinks() {
    }

    /** @param link a {@code parley://} link, or {@code ""} when a second start had none (just show the window) */
    public static void follow(AppShell shell, String link) {
        shell.stage().setIconified(false);
        shell.stage().toFront();
        if (!JoinLink.isLink(link)) {
            return;
        }
        if (shell.main() != null) {
            // Following it would leave (or stop hosting) the room the user is in: they can leave and click again.
            log.warn("Not following a parley:// link while in a room");
            return;
        }
        try {
            shell.join(JoinLink.parse(link));
        } catch (IllegalArgumentException e) {
            log.warn("Ignoring a handed-over link: {}", e.getMessage());
            // The start screen's error line says what is wrong with it, as for a link pasted into the address.
            shell.connectModel().openLink(link);
        }
    }
}
