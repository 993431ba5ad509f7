package dev.parley.client.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.scene.Scene;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TextFieldSkin;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The text cursor blinks while someone types and then settles, shown: a blinking cursor is an
 * animation that keeps JavaFX pulsing, which cost an idle app with its message box focused about 1 %
 * of a core. The field's real skin reports whether its cursor animates.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CaretBlinkUiTest {
    private final AtomicBoolean animating = new AtomicBoolean();
    private TextField field;

    @Start
    void start(Stage stage) {
        field = new TextField("hello");
        field.setSkin(new TextFieldSkin(field) {
            @Override
            public void setCaretAnimating(boolean value) {
                animating.set(value);
                super.setCaretAnimating(value);
            }
        });
        Scene scene = new Scene(new VBox(field), 300, 100);
        CaretBlink.settleIn(scene, Duration.ofMillis(800), UiThread.fx());
        stage.setScene(scene);
        stage.show();
        field.requestFocus();
    }

    @Test
    void theCursorStopsBlinkingAfterAWhileAndTypingWakesItUp(FxRobot robot) {
        robot.clickOn(field);
        assertThat(animating.get()).as("blinks while in use").isTrue();
        // Before: it blinked for as long as the field had focus.
        await().atMost(Duration.ofSeconds(10)).until(() -> !animating.get());

        robot.type(KeyCode.A);
        await().atMost(Duration.ofSeconds(5)).until(animating::get);
        await().atMost(Duration.ofSeconds(10)).until(() -> !animating.get());
    }
}
