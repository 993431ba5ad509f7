package dev.parley.client.ui.host;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.RoomAdmin;
import dev.parley.protocol.control.model.ChatMessage;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * A room hosted from the app and renamed from the app (the admin window's settings) is the same room
 * the next time it is hosted: same folder, same history, same admin. Before, the host form still
 * said the old name, and hosting under the new one started an empty room in a new folder.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostedRoomRenameUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    private HostedRoom host(FxRobot robot, String name) throws Exception {
        robot.clickOn("#tab-host");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        robot.interact(() -> {
            robot.lookup("#host-name").<TextField>query().setText(name);
            robot.lookup("#host-port").<TextField>query().setText(Integer.toString(chosen));
        });
        robot.clickOn("#host-start");
        await().atMost(WAIT).until(() -> app.shell().main() != null && app.shell().main().session().hosted().isPresent());
        await().atMost(WAIT).until(() -> robot.lookup("#leave-room").tryQuery().isPresent());
        return app.shell().main().session().hosted().orElseThrow();
    }

    private void stopHosting(FxRobot robot) {
        robot.clickOn("#leave-room");
        await().atMost(WAIT).until(() -> robot.lookup("#confirm-ok").tryQuery().isPresent());
        robot.clickOn("#confirm-ok");
        await().atMost(WAIT).until(() -> app.shell().main() == null && robot.lookup("#connect-join").tryQuery().isPresent());
    }

    @Test
    void renamingAHostedRoomKeepsItsFolderAndHistory(FxRobot robot) throws Exception {
        Path folder = host(robot, "Friday LAN").dataDir();
        ControlClient me = Forms.onFx(() -> app.shell().main().session().client());
        Clients.await(me.request(new Chat.Send(1L, null, "remember me", "r-1", null), Chat.Sent.class));
        Clients.await(me.request(new RoomAdmin.Update("Weekend LAN", null, null, null), RoomAdmin.Info.class));
        await().atMost(WAIT).until(() -> Forms.onFx(() -> app.shell().main().titleProperty().get()).equals("Parley — Weekend LAN"));
        stopHosting(robot);

        robot.clickOn("#tab-host");
        assertThat(Forms.onFx(() -> robot.lookup("#host-name").<TextField>query().getText()))
                .as("the form offers the room under its new name").isEqualTo("Weekend LAN");
        HostedRoom again = host(robot, "Weekend LAN");

        assertThat(again.dataDir()).as("the same room folder").isEqualTo(folder);
        ControlClient meAgain = Forms.onFx(() -> app.shell().main().session().client());
        assertThat(Clients.await(meAgain.request(new Chat.History(1L, null, null, null), Chat.Page.class)).messages())
                .extracting(ChatMessage::text).contains("remember me");
        await().atMost(WAIT).until(() -> app.shell().main().tree().selfRoleProperty().get()
                == dev.parley.protocol.control.model.Role.ADMIN);
        assertThat(Forms.onFx(() -> app.shell().main().titleProperty().get())).isEqualTo("Parley — Weekend LAN");
    }
}
