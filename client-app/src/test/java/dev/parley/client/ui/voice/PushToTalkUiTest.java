package dev.parley.client.ui.voice;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The push-to-talk key in the real window: in every state, with a text field focused, across leave and rejoin. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class PushToTalkUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    private void pushToTalkMode(FxRobot robot, String key) {
        robot.interact(() -> app.shell().main().voiceBar().transmitModeProperty().set(TransmitMode.PUSH_TO_TALK));
        robot.interact(() -> {
            app.shell().context().preferences().update(prefs -> prefs.withVoice(prefs.voice().withPttKey(key)));
            app.shell().preferencesChanged();
        });
    }

    private boolean transmitting() {
        return app.shell().main().voiceBar().transmittingProperty().get();
    }

    private void holdAndRelease(FxRobot robot, KeyCode key) {
        robot.press(key);
        await().atMost(WAIT).until(this::transmitting);
        robot.release(key);
        await().atMost(WAIT).until(() -> !transmitting());
    }

    @Test
    void aFunctionKeyTransmitsEvenWhileTheMessageBoxHasFocus(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        pushToTalkMode(robot, "F9");
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("half a sentence"));
        robot.clickOn("#chat-input");

        holdAndRelease(robot, KeyCode.F9);

        assertThat(robot.lookup("#chat-input").<TextField>query().getText()).isEqualTo("half a sentence");
        robot.interact(() -> robot.lookup("#channel-tree").query().requestFocus());
        holdAndRelease(robot, KeyCode.F9);
    }

    @Test
    void aLetterKeyTypesInTheMessageBoxAndTransmitsElsewhere(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        pushToTalkMode(robot, "V");
        robot.clickOn("#chat-input");

        robot.press(KeyCode.V).release(KeyCode.V);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#chat-input").<TextField>query().getText()).isEqualTo("v");
        assertThat(app.shell().main().voiceBar().pushToTalkProperty().get()).isFalse();

        robot.interact(() -> robot.lookup("#channel-tree").query().requestFocus());
        holdAndRelease(robot, KeyCode.V);
    }

    @Test
    void aMouseButtonTransmitsAnywhereInTheWindow(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        pushToTalkMode(robot, "MOUSE_MIDDLE");
        robot.clickOn("#chat-input");

        robot.moveTo("#chat-list").press(MouseButton.MIDDLE);
        await().atMost(WAIT).until(this::transmitting);
        robot.release(MouseButton.MIDDLE);
        await().atMost(WAIT).until(() -> !transmitting());
    }

    @Test
    void theKeyStillWorksAfterLeavingAndJoiningAgain(FxRobot robot) {
        room = app.startRoom();
        Forms.joinAsGuest(robot, room.port(), "ann");
        pushToTalkMode(robot, "F9");
        holdAndRelease(robot, KeyCode.F9);

        robot.interact(() -> app.shell().leave());
        await().atMost(WAIT).until(() -> robot.lookup("#connect-join").tryQuery().isPresent());
        Forms.joinAsGuest(robot, room.port(), "ann2");
        robot.interact(() -> app.shell().main().voiceBar().transmitModeProperty().set(TransmitMode.PUSH_TO_TALK));

        holdAndRelease(robot, KeyCode.F9);
    }
}
