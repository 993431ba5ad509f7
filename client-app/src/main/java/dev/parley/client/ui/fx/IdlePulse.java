package dev.parley.client.ui.fx;

import com.sun.glass.ui.Application;
import com.sun.glass.ui.Timer;
import java.lang.reflect.Field;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets JavaFX's frame timer (the "pulse") sleep while nothing on screen changes. On Linux the timer is
 * a GTK timeout on the UI thread that JavaFX cannot pause: an idle app woke 30 times a second for
 * nothing, 0.22-0.32 % of a core (docs/BENCHMARKS.md, "Resource use"). JavaFX's toolkit already knows
 * when it is idle and asks its timer to pause (and to resume the moment an animation starts or a node
 * changes); this swaps the toolkit's timer for a {@link PausingPulseTimer} that obeys. Meters,
 * indicators and animations keep their frame rate: they ask for frames, and asking resumes the timer.
 *
 * <p>It reaches into JavaFX's internals (the toolkit's {@code pulseTimer} field), which only works with
 * JavaFX on the class path as Parley runs it; anything unexpected (another JavaFX version, the module
 * path, a vsync timer) leaves the timer as it was and logs why. {@code -Dparley.pulse.pause=false}
 * turns it off. Only the GTK (Linux) and Monocle (headless tests) timers are swapped: the macOS timer
 * pauses by itself, and the Windows one was not tried. UI thread only.
 */
public final class IdlePulse {
    private static final Logger log = LoggerFactory.getLogger(IdlePulse.class);
    private static final String TOOLKIT_CLASS = "com.sun.javafx.tk.quantum.QuantumToolkit";
    private static final Set<String> SWAPPED_TIMERS = Set.of("com.sun.glass.ui.gtk.GtkTimer",
            "com.sun.glass.ui.monocle.MonocleTimer");
    /** Timer's own marker for "not started" (its private {@code UNSET_PERIOD}). */
    private static final double NOT_STARTED = -1.0;

    private static PausingPulseTimer installed;
    private static Timer replaced;

    private IdlePulse() {
    }

    /**
     * Swaps the toolkit's frame timer for one that pauses, once (later calls do nothing).
     *
     * @return whether the pausing timer is in place
     */
    public static boolean install() {
        if (installed != null) {
            return true;
        }
        if (!Boolean.parseBoolean(System.getProperty("parley.pulse.pause", "true"))) {
            log.info("The JavaFX frame timer keeps ticking while idle (-Dparley.pulse.pause=false)");
            return false;
        }
        try {
            Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
            if (!TOOLKIT_CLASS.equals(toolkit.getClass().getName())) {
                log.info("Not pausing the frame timer: unknown JavaFX toolkit {}", toolkit.getClass().getName());
                return false;
            }
            Field timerField = field(toolkit.getClass(), "pulseTimer");
            Timer original = (Timer) timerField.get(toolkit);
            if (original == null || !SWAPPED_TIMERS.contains(original.getClass().getName())) {
                log.info("Not pausing the frame timer: {}", original == null ? "none yet" : original.getClass().getName());
                return false;
            }
            double period = (double) field(Timer.class, "period").get(original);
            if (period != NOT_STARTED && period < 1) {
                log.info("Not pausing the frame timer: it follows the display's refresh (vsync)");
                return false;
            }
            Runnable tick = (Runnable) field(toolkit.getClass(), "timerRunnable").get(toolkit);
            Application glass = Application.GetApplication();
            PausingPulseTimer pausing = new PausingPulseTimer(tick, glass::createTimer);
            if (period != NOT_STARTED) {
                pausing.start((int) period);
            }
            // From here the toolkit pauses and resumes the new timer (and starts it, if it had not yet).
            timerField.set(toolkit, pausing);
            original.stop();
            installed = pausing;
            replaced = original;
            log.debug("The JavaFX frame timer now sleeps while nothing changes on screen");
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.info("Not pausing the JavaFX frame timer while idle: {}", e.toString());
            return false;
        }
    }

    /** The timer in place, or null when {@link #install()} did not swap it. */
    static PausingPulseTimer installed() {
        return installed;
    }

    /** Puts JavaFX's own timer back, ticking at the same rate (tests leave the shared toolkit as they found it). */
    static void uninstall() throws ReflectiveOperationException {
        if (installed == null) {
            return;
        }
        Object toolkit = com.sun.javafx.tk.Toolkit.getToolkit();
        int period = installed.period();
        replaced.start(period);
        field(toolkit.getClass(), "pulseTimer").set(toolkit, replaced);
        installed.stop();
        installed = null;
        replaced = null;
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
