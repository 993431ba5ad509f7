package dev.parley.client.ui.app;

import dev.parley.server.ServerMain;
import java.util.Arrays;
import javafx.application.Application;

/**
 * The desktop app's entry point. It must not extend {@link Application}: on a plain classpath the
 * JavaFX launcher refuses such a main class (FIELD-NOTES). {@code --server [options]} runs the
 * headless room server instead (same options as {@code parley-server}), so one install does both;
 * a {@code parley://} link as the first argument opens the app and joins (see {@link ParleyApp}).
 */
public final class ParleyLauncher {
    public static final String SERVER_FLAG = "--server";
    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");

    private ParleyLauncher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && SERVER_FLAG.equals(args[0])) {
            ServerMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        // Parley runs JavaFX from the class path on purpose (FIELD-NOTES: a launcher class that does not
        // extend Application); JavaFX warns about exactly that at every start. Keep only its errors.
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        if (!SingleInstanceStart.claimOrHandOff(args)) {
            return; // Parley already runs for this user: it took the link.
        }
        // 30 frames a second instead of 60: JavaFX's frame timer wakes the UI thread at that rate whenever
        // something changes or animates (GTK's timer never paused at all before IdlePulse: 60 wake-ups a
        // second were 0.3-0.4 % of a core of an idle app, docs/BENCHMARKS.md). A chat and voice window
        // needs no more; -Djavafx.animation.pulse=60 gives them back.
        if (System.getProperty(PULSE_PROPERTY) == null) {
            System.setProperty(PULSE_PROPERTY, "30");
        }
        Application.launch(ParleyApp.class, args);
        afterWindowClosed(System::exit);
    }

    /**
     * The window is closed and {@link ParleyApp#stop()} has run: the process ends now. Without this the JVM
     * stayed up (no window, for good) whenever a library left a non-daemon thread behind: jmDNS keeps its
     * "State.Timer" threads after one of its responders gave up on an interface ("Could not recover we are
     * Down!", e.g. IPv6 with no multicast route), and a walkthrough's host was still running a minute after Quit.
     */
    static void afterWindowClosed(java.util.function.IntConsumer exit) {
        java.util.List<String> lingering = lingeringThreads();
        if (!lingering.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(ParleyLauncher.class).info("Quitting; ending threads left running: {}", lingering);
        }
        exit.accept(0);
    }

    /** Non-daemon threads other than this one, which would keep the JVM alive. */
    static java.util.List<String> lingeringThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread != Thread.currentThread() && thread.isAlive() && !thread.isDaemon())
                .filter(thread -> !"DestroyJavaVM".equals(thread.getName()))
                .map(Thread::getName).sorted().toList();
    }

    private static final String PULSE_PROPERTY = "javafx.animation.pulse";
}
