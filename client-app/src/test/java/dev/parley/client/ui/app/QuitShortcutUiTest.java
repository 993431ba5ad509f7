package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.support.AppWindow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/** Ctrl+Q quits the way closing the window does: through the window's close request. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuitShortcutUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private final AtomicInteger closeRequests = new AtomicInteger();

    @Test
    void ctrlQClosesTheWindowThroughItsCloseRequest(FxRobot robot) {
        Stage stage = app.stage();
        robot.interact(() -> stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> closeRequests.incrementAndGet()));
        assertThat(stage.isShowing()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> !stage.isShowing());
        assertThat(closeRequests.get()).as("went through the close request a confirmation can veto").isEqualTo(1);
    }
}
