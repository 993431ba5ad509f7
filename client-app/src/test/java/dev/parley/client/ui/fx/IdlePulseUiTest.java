package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.glass.ui.Application;
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
 * JavaFX's frame timer really sleeps when JavaFX asks it to, and wakes at once, at its full rate, for
 * a change or an animation. Runs on the real toolkit with Monocle's real timer, which ignores JavaFX's
 * pause request exactly as GTK's does (before, asking changed nothing). Whether the toolkit asks by
 * itself depends on every window in this shared test JVM being still, so the toolkit-level tests put
 * the timer to sleep the way the toolkit does (its {@code pause()}); the real app's count of UI-thread
 * wake-ups is in docs/BENCHMARKS.md. JavaFX's own timer is put back after each test.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdlePulseUiTest {
    private Label label;
    private final AtomicInteger frames = new AtomicInteger();

    @Start
    void start(Stage stage) {
        label = new Label("idle");
        Scene scene = new Scene(new VBox(label), 200, 80);
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
    void pausedTheTimerTicksOnceASecondAndResumedAtItsFullRate() {
        AtomicInteger ticks = new AtomicInteger();
        PausingPulseTimer timer = new PausingPulseTimer(ticks::incrementAndGet, Application.GetApplication()::createTimer);
        timer.start(10);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() >= 20);
            timer.pause();
            // Before: Monocle's and GTK's pause did nothing and the timer kept its 10 ms.
            assertThat(timer.isPaused()).isTrue();
            assertThat(timer.tickingPeriod()).isEqualTo(PausingPulseTimer.PAUSED_PERIOD_MS);

            timer.resume();
            assertThat(timer.tickingPeriod()).isEqualTo(10);
            int resumedAt = ticks.get();
            // 20 ticks: 0.2 s at the full rate; the paused timer's one look a second would need 20 s.
            await().atMost(Duration.ofSeconds(8)).until(() -> ticks.get() >= resumedAt + 20);
        } finally {
            timer.stop();
        }
    }

    @Test
    void aChangedNodeWakesTheSleepingFrameTimerAtOnce(FxRobot robot) {
        PausingPulseTimer timer = IdlePulse.installed();
        robot.interact(() -> {
            timer.pause(); // what the toolkit does after 250 ms without a frame request
            assertThat(timer.isPaused()).isTrue();
        });

        int before = frames.get();
        robot.interact(() -> {
            label.setText("someone joined");
            // Asking for a frame resumes the timer there and then, not at the next slow look.
            assertThat(timer.isPaused()).as("awake as soon as a node changed").isFalse();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> frames.get() > before);
    }

    @Test
    void anAnimationRunsAtTheFullFrameRate(FxRobot robot) {
        PausingPulseTimer timer = IdlePulse.installed();
        robot.interact(timer::pause);
        AtomicInteger ticks = new AtomicInteger();
        AnimationTimer meter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                ticks.incrementAndGet();
            }
        };
        robot.interact(meter::start);
        try {
            // 30 frames: half a second at 60 Hz; the paused timer's one look a second would need 30 s.
            await().atMost(Duration.ofSeconds(10)).until(() -> ticks.get() >= 30);
            assertThat(timer.isPaused()).as("awake while animating").isFalse();
        } finally {
            robot.interact(meter::stop);
        }
    }
}
