package dev.parley.client.ui.fx;

import dev.parley.client.core.Subscription;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Periodic UI work (refresh a label every second, check idleness every 15 s) without a JavaFX
 * Timeline: any running animation keeps JavaFX pulsing 60 times a second, which cost an idle app a
 * few percent of a core for labels that change once a second. One shared daemon timer thread
 * ({@code parley-ui-ticker}) wakes for each tick and hands the work to the UI thread.
 *
 * <p>Thread-safe.
 */
public final class UiTicker {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UiTicker.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-ui-ticker");
        thread.setDaemon(true);
        return thread;
    });

    private UiTicker() {
    }

    /** Runs {@code work} once on {@code ui} after {@code delay}, unless the result is closed first. */
    public static Subscription once(Duration delay, UiThread ui, Runnable work) {
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(work, "work");
        ScheduledFuture<?> tick = TIMER.schedule(() -> ui.run(work), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
        return () -> tick.cancel(false);
    }

    /** Runs {@code work} on {@code ui} every {@code period}, first after one period, until the result is closed. */
    public static Subscription every(Duration period, UiThread ui, Runnable work) {
        Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(work, "work");
        long millis = Math.max(1, period.toMillis());
        ScheduledFuture<?> ticks = TIMER.scheduleWithFixedDelay(() -> ui.run(work), millis, millis, TimeUnit.MILLISECONDS);
        return () -> ticks.cancel(false);
    }

    /**
     * Runs {@code look} on the timer thread itself every {@code period}, first after one period, until the
     * result is closed. For a short, thread-safe look that decides whether the UI thread has anything to do:
     * the look hands work to the UI thread only when a label really changes, so an idle window's UI thread
     * is not woken (and its pulse not resumed) once a second for nothing. A look that throws is logged and
     * the next one still runs.
     */
    public static Subscription everyOffUi(Duration period, Runnable look) {
        Objects.requireNonNull(look, "look");
        long millis = Math.max(1, period.toMillis());
        ScheduledFuture<?> ticks = TIMER.scheduleWithFixedDelay(() -> {
            try {
                look.run();
            } catch (RuntimeException e) {
                // Loop boundary: a scheduled task that throws is never run again.
                LOG.warn("Periodic UI look failed; it runs again next time", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return () -> ticks.cancel(false);
    }
}
