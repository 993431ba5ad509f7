package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Screens;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window at its smallest and on a big screen: every control a user needs is on screen with its
 * whole label. Writes PNGs to client-app/target/screenshots for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WindowLayoutUiTest {
    private static final List<String> MAIN_CONTROLS = List.of("#open-settings", "#leave-room", "#mute-toggle",
            "#deafen-toggle", "#transmit-mode", "#copy-invite", "#chat-input", "#channel-tree", "#chat-header");

    @RegisterExtension
    final AppWindow app = new AppWindow();

    private void resize(FxRobot robot, double width, double height) {
        robot.interact(() -> {
            app.stage().setWidth(width);
            app.stage().setHeight(height);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void hostARoom(FxRobot robot) throws Exception {
        robot.clickOn("#tab-host");
        int free;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            free = socket.getLocalPort();
        }
        int port = free;
        robot.interact(() -> {
            robot.lookup("#host-name").<TextField>query().setText("LAN party");
            robot.lookup("#host-port").<TextField>query().setText(Integer.toString(port));
        });
        robot.clickOn("#host-start");
        try {
            await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            robot.interact(() -> Screens.snapshot(app.stage().getScene(), "host-failed"));
            throw new AssertionError("hosting did not start: "
                    + robot.lookup("#host-error").<javafx.scene.control.Label>query().getText(), e);
        }
        await().atMost(WAIT).until(() -> !app.shell().main().chat().titleProperty().get().isEmpty());
    }

    @Test
    void theWindowOpensAtAnExplicitSizeAndCannotShrinkBelowItsMinimum() {
        assertThat(app.stage().getWidth()).isEqualTo(AppShell.FIRST_WIDTH);
        assertThat(app.stage().getHeight()).isEqualTo(AppShell.FIRST_HEIGHT);
        assertThat(app.stage().getMinWidth()).isEqualTo(800);
        assertThat(app.stage().getMinHeight()).isEqualTo(500);
    }

    @Test
    void everyMainControlIsWhollyVisibleAt800x500And1920x1080(FxRobot robot) throws Exception {
        hostARoom(robot);
        for (int[] size : new int[][] {{800, 500}, {1920, 1080}}) {
            resize(robot, size[0], size[1]);
            robot.interact(() -> {
                Screens.snapshot(app.stage().getScene(), "main-" + size[0] + "x" + size[1]);
                for (String control : MAIN_CONTROLS) {
                    Screens.assertFullyVisible(app.stage().getScene(), control);
                }
            });
        }
    }

    /**
     * Found walking through the app at 800×500: the chat showed a sideways scroll bar under two short messages
     * (their text was laid out 560 px wide whatever the window), and the empty Friends list kept 110 px while
     * the channel tree shrank to two rows behind a scroll bar.
     */
    @Test
    void at800x500TheChatWrapsWithoutSidewaysScrollingAndTheTreeKeepsTheRoom(FxRobot robot) throws Exception {
        hostARoom(robot);
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("hi everyone"));
        robot.clickOn("#chat-input").type(javafx.scene.input.KeyCode.ENTER);
        robot.interact(() -> robot.lookup("#chat-input").<TextField>query().setText("a long one: "
                + "word ".repeat(120)));
        robot.clickOn("#chat-input").type(javafx.scene.input.KeyCode.ENTER);
        javafx.scene.control.ListView<?> chat = robot.lookup("#chat-list").query();
        await().atMost(WAIT).until(() -> dev.parley.client.ui.support.Forms.onFx(() -> chat.getItems().size()) >= 3);
        resize(robot, 800, 500);
        robot.interact(() -> {
            Screens.snapshot(app.stage().getScene(), "main-800x500-chat");
            assertThat(chat.lookupAll(".scroll-bar").stream()
                    .filter(bar -> bar instanceof javafx.scene.control.ScrollBar scroll
                            && scroll.getOrientation() == javafx.geometry.Orientation.HORIZONTAL && scroll.isVisible())
                    .toList()).as("a visible sideways scroll bar under the chat").isEmpty();
            double tree = robot.lookup("#channel-tree").<javafx.scene.layout.Region>query().getHeight();
            double friends = robot.lookup("#friends-list").<javafx.scene.layout.Region>query().getHeight();
            double directs = robot.lookup("#dm-list").<javafx.scene.layout.Region>query().getHeight();
            assertThat(tree).as("the channel tree's height beside the empty Friends (%s) and DM (%s) lists", friends, directs)
                    .isGreaterThan(Math.max(friends, directs));
        });
    }

    /**
     * Found walking through the app: the host who had copied an invite and switched to push-to-talk got a
     * window wider than itself at 800×500 ("Stop hos…", "Copy inv…" and the attach button cut off).
     */
    @Test
    void aHostInPushToTalkWhoCopiedAnInviteStillFitsAt800x500(FxRobot robot) throws Exception {
        hostARoom(robot);
        robot.interact(() -> app.shell().main().voiceBar().transmitModeProperty()
                .set(dev.parley.client.core.audio.capture.TransmitMode.PUSH_TO_TALK));
        robot.interact(() -> robot.lookup("#copy-invite").<javafx.scene.control.Button>query().fire());
        resize(robot, 800, 500);
        robot.interact(() -> {
            Screens.snapshot(app.stage().getScene(), "main-800x500-host-ptt");
            for (String control : List.of("#open-settings", "#leave-room", "#mute-toggle", "#deafen-toggle",
                    "#transmit-mode", "#ptt-button", "#copy-invite", "#chat-input", "#emoji-button", "#attach-button")) {
                Screens.assertFullyVisible(app.stage().getScene(), control);
            }
        });
    }

    @Test
    void aLongErrorWrapsBesideJoinInsteadOfSqueezingIt(FxRobot robot) {
        resize(robot, 800, 500);
        robot.interact(() -> app.shell().connectModel().errorProperty().set("The room at 192.168.1.20:7720 shows a different"
                + " certificate from the one you trusted (now 3F:A0:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:01:02:03:04:05"
                + ":06:07:08:09:0A:0B:0C:0D:0E, trusted 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88"
                + ":99:AA:BB:CC:DD:EE:FF). Someone may be impersonating it."));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            Screens.snapshot(app.stage().getScene(), "start-800x500-long-error");
            javafx.scene.Node join = app.stage().getScene().lookup("#connect-join");
            Screens.assertFullyVisible(app.stage().getScene(), "#connect-join");
            assertThat(((javafx.scene.control.Button) join).getWidth())
                    .isGreaterThanOrEqualTo(((javafx.scene.control.Button) join).prefWidth(-1) - 0.5);
            javafx.scene.text.Text text = (javafx.scene.text.Text) join.lookup(".text");
            assertThat(text.getText()).isEqualTo("Join");
            javafx.scene.control.Label error = (javafx.scene.control.Label) app.stage().getScene().lookup("#connect-error");
            assertThat(((javafx.scene.text.Text) error.lookup(".text")).getText()).as("the error wraps, whole")
                    .isEqualTo(error.getText());
        });
    }
}
