package dev.parley.client.ui.app;

import dev.parley.client.core.net.JoinLink;
import dev.parley.client.platform.OsLinkHandler;
import dev.parley.client.platform.SingleInstance;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's start: one running Parley per user and data folder ({@link SingleInstance}). A second
 * start hands its {@code parley://} link to the running one and ends. {@code -Dparley.multiInstance=true}
 * turns this off (several test apps on one machine). Called from {@code main} before JavaFX starts.
 */
final class SingleInstanceStart {
    private static final Logger log = LoggerFactory.getLogger(SingleInstanceStart.class);
    /** Links for the running app; {@link ParleyApp} takes them once its window is up. */
    static final LinkInbox INBOX = new LinkInbox();
    private static volatile SingleInstance running;

    private SingleInstanceStart() {
    }

    /** True when this process should open the app; false when another instance took over. */
    static boolean claimOrHandOff(String[] args) {
        OsLinkHandler.install(INBOX::offer);
        if (Boolean.getBoolean("parley.multiInstance")) {
            return true;
        }
        String link = args.length > 0 && JoinLink.isLink(args[0]) ? args[0].strip() : "";
        try {
            SingleInstance.Claim claim = SingleInstance.claim(ParleyApp.homeFolder(), link, INBOX::offer, Duration.ofSeconds(5));
            if (claim instanceof SingleInstance.First first) {
                running = first.instance();
                return true;
            }
            log.info("Parley is already running; handed it {}", link.isEmpty() ? "the request to show its window" : "the link");
            return false;
        } catch (IOException | IllegalArgumentException e) {
            // Better two windows than none: start anyway and say why.
            log.warn("Could not check for a running Parley ({}); starting another one", e.getMessage());
            return true;
        }
    }

    /** Gives the claim up when the app stops. */
    static void release() {
        SingleInstance instance = running;
        running = null;
        if (instance != null) {
            instance.close();
        }
    }
}
