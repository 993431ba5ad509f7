package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * JavaFX's frame timer sleeps while nothing on screen changes, and wakes at once, at its full rate,
 * for a change or an animation. Runs against the real toolkit (Monocle's timer ignores JavaFX's pause
 * request exactly as GTK's does: before, it never slept). The test puts JavaFX's own timer back after.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdlePulseUiTest {
    private Label label;
    private Scene scene;
    private final AtomicInteger frames = new AtomicInteger();

    @Start
    void start(Stage stage) {
        label = new Label("idle");
        scene = new Scene(new VBox(label), 200, 80);
        scene.addPostLayoutPulseListener(frames::incrementAndGet);
        stage.setScene(scene);
        stage.show();
        assertThat(IdlePulse.install()).as("swapped Monocle's timer").isTrue();
    }

    @AfterEach
    void restore(FxRobot robot) {
        robot.interact(() -> {
            try {
                IdlePulse.uninstall();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theTimerSleepsWhileIdleAndAChangeWakesIt(FxRobot robot) {
        PausingPulseTimer timer = IdlePulse.installed();
        // Before: Monocle's (and GTK's) timer ignored the toolkit's pause and ticked at the frame rate forever.
        await().atMost(Duration.ofSeconds(10)).until(timer::isPaused);
        long pauses = timer.pauses();

        int before = frames.get();
        robot.interact(() -> {
            label.setText("someone joined");
            // Asking for a frame resumes the timer there and then, not at the next slow safety tick.
            assertThat(timer.isPaused()).as("awake as soon as a node changed").isFalse();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.get() > before);
        assertThat(label.getText()).isEqualTo("someone joined");

        await().atMost(Duration.ofSeconds(10)).until(() -> timer.isPaused() && timer.pauses() > pauses);
    }

    @Test
    void anAnimationKeepsTheFullFrameRate(FxRobot robot) {
        PausingPulseTimer timer = IdlePulse.installed();
        await().atMost(Duration.ofSeconds(10)).until(timer::isPaused);
        AtomicInteger ticks = new AtomicInteger();
        AnimationTimer meter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                ticks.incrementAndGet();
            }
        };
        robot.interact(meter::start);
        // 30 frames: a second at the normal rate; the paused timer's safety tick would need 30 s.
        await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 30);
        assertThat(timer.isPaused()).as("awake while animating").isFalse();
        robot.interact(meter::stop);
        await().atMost(Duration.ofSeconds(10)).until(timer::isPaused);
    }
}
