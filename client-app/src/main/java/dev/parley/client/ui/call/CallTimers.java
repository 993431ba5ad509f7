package dev.parley.client.ui.call;

import dev.parley.client.core.Subscription;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.fx.UiTicker;
import java.time.Duration;

/**
 * The call bar's timers: the ended sentence going away, the elapsed time ticking. A seam so view-model
 * tests fire them when they choose instead of waiting for a clock.
 */
public interface CallTimers {

    /** Runs {@code work} on the UI thread once after {@code delay}, unless closed first. */
    Subscription once(Duration delay, Runnable work);

    /** Runs {@code work} on the UI thread every {@code period} until closed. */
    Subscription every(Duration period, Runnable work);

    /** The app's shared ticker thread, handing each tick to {@code ui}. */
    static CallTimers on(UiThread ui) {
        return new CallTimers() {
            @Override
            public Subscription once(Duration delay, Runnable work) {
                return UiTicker.once(delay, ui, work);
            }

            @Override
            public Subscription every(Duration period, Runnable work) {
                return UiTicker.every(period, ui, work);
            }
        };
    }
}
