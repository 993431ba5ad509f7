package dev.parley.client.core.support;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.pollinterval.PollInterval;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * How every {@code await()} of this module's tests polls, set once per test JVM (a launcher session listener,
 * META-INF/services): the first look at once, then after 10, 20, 40 and 80 ms, then every 100 ms as before.
 * Awaitility's default waited 100 ms before its first look and then 100 ms between looks: each wait for
 * something already true, or true a moment later, cost up to two tenths of a second, and the UI tests wait a
 * few dozen times each. The conditions and their time limits stay as each test wrote them; an await that sets
 * its own poll interval keeps it.
 */
public final class QuickPolling implements LauncherSessionListener {
    static final Duration STEADY = Duration.ofMillis(100);

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        Awaitility.setDefaultPollInterval(interval());
    }

    static PollInterval interval() {
        return (pollCount, previous) -> Duration.ofMillis(Math.min(STEADY.toMillis(), 5L << Math.min(pollCount, 5)));
    }
}
