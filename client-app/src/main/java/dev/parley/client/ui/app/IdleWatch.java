package dev.parley.client.ui.app;

import dev.parley.client.ui.presence.PresenceViewModel;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.util.Duration;

/**
 * Feeds auto-away: every key press, mouse move or scroll in the window counts as activity, and the
 * idle time is checked every few seconds. Only this window's input is seen (no system-wide idle
 * time in JavaFX). UI thread only.
 */
final class IdleWatch implements AutoCloseable {
    static final Duration CHECK_EVERY = Duration.seconds(15);

    private final Scene scene;
    private final EventHandler<Event> active;
    private final Timeline check;

    IdleWatch(Scene scene, PresenceViewModel presence) {
        this.scene = scene;
        this.active = event -> presence.activity();
        scene.addEventFilter(KeyEvent.KEY_PRESSED, active);
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, active);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, active);
        scene.addEventFilter(ScrollEvent.SCROLL, active);
        check = new Timeline(new KeyFrame(CHECK_EVERY, event -> presence.checkIdle()));
        check.setCycleCount(Timeline.INDEFINITE);
        check.play();
    }

    @Override
    public void close() {
        check.stop();
        scene.removeEventFilter(KeyEvent.KEY_PRESSED, active);
        scene.removeEventFilter(MouseEvent.MOUSE_MOVED, active);
        scene.removeEventFilter(MouseEvent.MOUSE_PRESSED, active);
        scene.removeEventFilter(ScrollEvent.SCROLL, active);
    }
}
