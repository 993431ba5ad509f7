package dev.parley.client.ui.app;

import dev.parley.client.ui.presence.PresenceViewModel;
import dev.parley.client.core.Subscription;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.fx.UiTicker;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import java.time.Duration;

/**
 * Feeds auto-away: every key press, mouse move or scroll in the window counts as activity, and the
 * idle time is checked every few seconds. Only this window's input is seen (no system-wide idle
 * time in JavaFX). UI thread only.
 */
final class IdleWatch implements AutoCloseable {
    static final Duration CHECK_EVERY = Duration.ofSeconds(15);

    private final Scene scene;
    private final EventHandler<Event> active;
    private final Subscription check;

    IdleWatch(Scene scene, PresenceViewModel presence) {
        this.scene = scene;
        this.active = event -> presence.activity();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, active);
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, active);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, active);
        scene.addEventFilter(ScrollEvent.SCROLL, active);
        // A timer thread, not a Timeline: a running animation keeps JavaFX redrawing 60 times a second.
        check = UiTicker.every(CHECK_EVERY, UiThread.fx(), presence::checkIdle);
    }

    @Override
    public void close() {
        check.close();
        scene.removeEventFilter(KeyEvent.KEY_PRESSED, active);
        scene.removeEventFilter(MouseEvent.MOUSE_MOVED, active);
        scene.removeEventFilter(MouseEvent.MOUSE_PRESSED, active);
        scene.removeEventFilter(ScrollEvent.SCROLL, active);
    }
}
