package dev.parley.client.ui.record;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.record.ToneRecording;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * In the real window: the Record button's context menu opens "Recordings", which lists what lies in
 * {@code recordings/} of the app's data folder and plays it; leaving the room closes it.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RecordingsInTheAppUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    private RecordingsWindow window() {
        return Forms.onFx(() -> app.shell().main() == null ? null
                : ((dev.parley.client.ui.app.MainWindow) app.stage().getScene().getRoot()).recordings().window());
    }

    @Test
    void theRecordButtonsMenuOpensTheRecordingsAndTheyPlay(FxRobot robot) throws Exception {
        ToneRecording.write(app.home().resolve("recordings").resolve("2026-12-01_18-30-05").resolve("ann-7.opus"),
                1.0, 1.0);
        TestRoom room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");

        // The Record button's menu, from the keyboard (Shift+F10): Monocle's robot sends no context-menu request
        // for a right click. A click first, so the caret no longer goes back to the message box by itself.
        robot.clickOn("#connection-status");
        robot.interact(() -> robot.lookup("#record-toggle").query().requestFocus());
        robot.press(KeyCode.SHIFT).press(KeyCode.F10).release(KeyCode.F10).release(KeyCode.SHIFT);
        await().atMost(WAIT).until(() -> Forms.onFx(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w instanceof javafx.scene.control.ContextMenu && w.isShowing())));
        robot.clickOn("Recordings…");
        await().atMost(WAIT).until(() -> window() != null);
        RecordingsWindow recordings = window();
        await().atMost(WAIT).until(() -> Forms.onFx(() -> recordings.model().folders().size()) == 1);
        await().atMost(WAIT).until(() -> Forms.onFx(() -> recordings.model().player().readyProperty().get()));
        assertThat(Forms.onFx(() -> recordings.model().player().speakerProperty().get())).isEqualTo("ann");

        robot.clickOn("#player-play");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> recordings.model().player().positionProperty().get()) > 0.3);

        robot.interact(() -> app.shell().leave());
        await().atMost(WAIT).until(() -> !Forms.onFx(() -> recordings.stage().isShowing()));
    }
}
