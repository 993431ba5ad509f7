package dev.parley.client.ui.fx;

import com.sun.glass.ui.Timer;
import java.util.function.Function;

/**
 * JavaFX's frame timer, made to really pause. JavaFX's toolkit already asks its timer to pause once
 * nothing has needed a frame for 250 ms (no animation running, no node changed) and to resume as soon
 * as something does (JDK-8189926); only the macOS timer obeys, the GTK, Windows and Monocle timers
 * ignore both calls and keep waking the UI thread at the frame rate for as long as the app runs. This
 * timer wraps the platform's own one and obeys: pausing stops the platform timer and leaves one slow
 * safety tick a second (a frame request that raced with the pause is then still served, a second late,
 * rather than never), resuming starts it again at the frame rate.
 *
 * <p>Thread-safety: JavaFX pauses from its timer thread and resumes from any thread; every method is
 * synchronized (through {@link Timer}'s own lock or this class's).
 */
final class PausingPulseTimer extends Timer {
    /** While paused: one look a second, in case a frame request slipped past the pause. */
    static final int PAUSED_PERIOD_MS = 1000;

    private final Runnable tick;
    private final Function<Runnable, Timer> platformTimers;
    private Timer ticking; // guarded by this
    private int period; // guarded by this
    private boolean paused; // guarded by this
    private long pauses; // guarded by this

    /**
     * @param tick           the toolkit's timer work (asks for a frame if one is needed, else asks to pause)
     * @param platformTimers makes the platform's own timer for a runnable ({@code Application::createTimer})
     */
    PausingPulseTimer(Runnable tick, Function<Runnable, Timer> platformTimers) {
        super(tick);
        this.tick = tick;
        this.platformTimers = platformTimers;
    }

    /**
     * Glass's vsync start, used only for a timer that follows the display's refresh. Never reached:
     * {@link IdlePulse} leaves a vsync timer in place and wraps only fixed-period ones.
     */
    @Override
    protected long _start(Runnable runnable) {
        throw new UnsupportedOperationException("the vsync timer is not wrapped");
    }

    @Override
    protected synchronized long _start(Runnable runnable, int periodMs) {
        period = periodMs;
        paused = false;
        ticking = startPlatformTimer(periodMs);
        return 1; // Timer wants a non-zero handle
    }

    @Override
    protected synchronized void _stop(long handle) {
        if (ticking != null) {
            ticking.stop();
            ticking = null;
        }
        paused = false;
    }

    @Override
    protected synchronized void _pause(long handle) {
        if (!paused && ticking != null && period < PAUSED_PERIOD_MS) {
            ticking.stop();
            ticking = startPlatformTimer(PAUSED_PERIOD_MS);
            paused = true;
            pauses++;
        }
    }

    @Override
    protected synchronized void _resume(long handle) {
        if (paused && ticking != null) {
            ticking.stop();
            ticking = startPlatformTimer(period);
            paused = false;
        }
    }

    private Timer startPlatformTimer(int periodMs) {
        Timer timer = platformTimers.apply(tick);
        timer.start(periodMs);
        return timer;
    }

    /** True while the frame timer sleeps (only the slow safety tick runs). */
    synchronized boolean isPaused() {
        return paused;
    }

    /** How many times the frame timer went to sleep since it started. */
    synchronized long pauses() {
        return pauses;
    }

    /** The period the platform timer ticks at now, in milliseconds: the frame period, or the slow look while paused. */
    synchronized int tickingPeriod() {
        return paused ? PAUSED_PERIOD_MS : period;
    }

    /** The frame period JavaFX started this timer with, in milliseconds. */
    synchronized int period() {
        return period;
    }
}
