package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.model.Presence;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Issue 12, hosting from the app as a new user does: the "Invite copied" line goes away by itself, and
 * stopping and hosting again keeps the presence the user chose.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostWalkthroughUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    private void host(FxRobot robot) throws Exception {
        robot.clickOn("#tab-host");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        robot.interact(() -> robot.lookup("#host-port").<TextField>query().setText(Integer.toString(chosen)));
        robot.clickOn("#host-start");
        await().atMost(WAIT).until(() -> app.shell().main() != null && app.shell().main().session().hosted().isPresent());
        await().atMost(WAIT).until(() -> robot.lookup("#leave-room").tryQuery().isPresent()
                && !Forms.onFx(() -> app.shell().main().chat().titleProperty().get()).isEmpty());
    }

    private static String text(FxRobot robot, String selector) {
        return Forms.onFx(() -> robot.lookup(selector).<Label>query().getText());
    }

    @Test
    void theInviteCopiedConfirmationGoesAwayByItself(FxRobot robot) throws Exception {
        host(robot);
        robot.clickOn("#copy-invite");
        assertThat(text(robot, "#invite-copied")).startsWith("Invite copied");

        await().atMost(Duration.ofSeconds(15)).until(() -> text(robot, "#invite-copied").isEmpty());
        // Copying again shows it again (the pause starts over).
        robot.interact(() -> robot.lookup("#copy-invite").<Button>query().fire());
        assertThat(text(robot, "#invite-copied")).startsWith("Invite copied");
        await().atMost(Duration.ofSeconds(15)).until(() -> text(robot, "#invite-copied").isEmpty());
    }

    @Test
    void stoppingAndHostingAgainKeepsTheChosenPresence(FxRobot robot) throws Exception {
        host(robot);
        String me = Forms.onFx(() -> app.shell().main().session().server().username());
        robot.interact(() -> {
            ChoiceBox<Presence> choice = robot.lookup("#presence-choice").query();
            choice.setValue(Presence.BUSY);
            choice.fireEvent(new javafx.event.ActionEvent());
        });
        await().atMost(WAIT).until(() -> robot.lookup("#presence-" + me).tryQuery()
                .map(node -> ((Label) node).getText().equals("busy")).orElse(false));

        robot.clickOn("#leave-room");
        robot.clickOn("#confirm-ok");
        await().atMost(WAIT).until(() -> app.shell().main() == null && robot.lookup("#host-start").tryQuery().isPresent());
        host(robot);

        // What the room shows everyone, and what the header's menu says.
        await().atMost(WAIT).until(() -> robot.lookup("#presence-" + me).tryQuery()
                .map(node -> ((Label) node).getText().equals("busy")).orElse(false));
        assertThat(Forms.onFx(() -> robot.lookup("#presence-choice").<ChoiceBox<Presence>>query().getValue()))
                .isEqualTo(Presence.BUSY);
        assertThat(Forms.onFx(() -> app.shell().main().presence().presenceProperty().get())).isEqualTo(Presence.BUSY);
    }
}
