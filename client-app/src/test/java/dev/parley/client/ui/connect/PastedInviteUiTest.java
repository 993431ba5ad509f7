package dev.parley.client.ui.connect;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioDevices;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.UiRoom;
import dev.parley.protocol.tls.Fingerprint;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The host's "Copy invite" says "paste it to your friends"; a friend pastes it into the only place the
 * start screen offers, the address field. Before, the whole link stayed there as the "address", the port
 * stayed 7720, and Join said "Could not reach the room: parley: Name or service not known".
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PastedInviteUiTest {
    /** Anyone asked "trust this room?" says no and is counted: the pasted invite must make the question unnecessary. */
    private static final AtomicInteger QUESTIONS = new AtomicInteger();

    @RegisterExtension
    final AppWindow app = new AppWindow((home, background) -> UiRoom.context(home, UiThread.fx(), background,
            new NullAudioDevices(), contact -> {
                QUESTIONS.incrementAndGet();
                return CompletableFuture.completedFuture(false);
            }));

    private static void paste(FxRobot robot, String text) {
        robot.interact(() -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        });
        robot.clickOn("#connect-host");
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.V).release(KeyCode.V, KeyCode.CONTROL);
    }

    @Test
    void anInvitePastedIntoTheAddressFillsTheFormAndJoinsWithoutATrustQuestion(FxRobot robot) {
        TestRoom room = app.startRoom();
        Fingerprint real = room.server().fingerprint().orElseThrow();
        String invite = JoinLink.invite("127.0.0.1", room.port(), real).toUri();

        paste(robot, invite);

        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#connect-host").<TextField>query().getText())
                .equals("127.0.0.1"));
        assertThat(onFx(() -> robot.lookup("#connect-port").<TextField>query().getText()))
                .isEqualTo(Integer.toString(room.port()));

        robot.interact(() -> {
            robot.lookup("#connect-mode").<javafx.scene.control.ChoiceBox<Object>>query().setValue(SignInMode.GUEST);
            robot.lookup("#connect-username").<TextField>query().setText("erin");
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
        assertThat(QUESTIONS).hasValue(0);
    }

    @Test
    void aDamagedInviteSaysSoInsteadOfLookingUpAHostCalledParley(FxRobot robot) {
        paste(robot, "parley://127.0.0.1:7720/?fp=12ab");

        await().atMost(WAIT).until(() -> onFx(() -> robot.lookup("#connect-error").<Label>query().getText())
                .contains("fingerprint in this parley:// link is damaged"));
        robot.clickOn("#connect-join");
        assertThat(onFx(() -> robot.lookup("#connect-error").<Label>query().getText()))
                .contains("damaged").doesNotContain("Name or service not known");
        assertThat(app.shell().main()).isNull();
    }
}
