package dev.parley.client.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.TestRoom;
import dev.parley.client.ui.support.AppWindow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The real window, headless on Monocle, while the real room it is in restarts gracefully: a banner says
 * the room restarts in N s, then that it is restarting and the client reconnects, and goes away once the
 * client is back in.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RoomRestartBannerUiTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final AppWindow app = new AppWindow();
    private TestRoom room;

    @Test
    void aRestartShowsTheBannerThenClearsItOnceBack(FxRobot robot) throws Exception {
        room = app.startRoom();
        robot.interact(() -> {
            robot.lookup("#connect-host").<TextField>query().setText("127.0.0.1");
            robot.lookup("#connect-port").<TextField>query().setText(Integer.toString(room.port()));
            robot.lookup("#connect-mode").<javafx.scene.control.ChoiceBox<Object>>query()
                    .setValue(dev.parley.client.ui.connect.SignInMode.GUEST);
            robot.lookup("#connect-username").<TextField>query().setText("ann");
        });
        robot.clickOn("#connect-join");
        await().atMost(WAIT).until(() -> robot.lookup("#channel-tree").tryQuery().isPresent());
        Label banner = robot.lookup("#room-notice").query();
        assertThat(banner.isVisible()).isFalse();
        List<String> shown = new CopyOnWriteArrayList<>();
        robot.interact(() -> banner.textProperty().addListener((obs, old, now) -> shown.add(now)));

        Future<?> restart = app.background().submit(() -> room.restartGracefully(Duration.ofSeconds(2)));

        await().atMost(WAIT).until(() -> shown.stream().anyMatch(text -> text.startsWith("The room restarts in 2 s.")));
        await().atMost(WAIT).until(() -> shown.contains("The room is restarting — reconnecting…"));
        restart.get(60, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !banner.isVisible() && shown.get(shown.size() - 1).isEmpty());
        assertThat(robot.lookup("#connection-status").<Label>query().getText()).startsWith("Connected to 127.0.0.1");
    }
}
