package dev.parley.client.core.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * How every {@code await()} of this module's tests polls, set once per test JVM (a launcher session listener,
 * META-INF/services): the first look at once, then every 100 ms as before. Awaitility's default waited 100 ms
 * before its first look, so each wait for something already true cost a tenth of a second, and the UI tests
 * wait a few dozen times each (71 times in RoomAdminUiTest). The conditions and their time limits stay as each
 * test wrote them; an await that sets its own poll interval keeps it.
 *
 * <p>The interval itself stays at 100 ms: many UI conditions look the scene up from the polling thread, and
 * looking more often while the UI thread rebuilds the scene invites the races fee9d6b had to fix for the chat
 * lines.
 */
public final class QuickPolling implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(Duration.ofMillis(100));
    }
}
