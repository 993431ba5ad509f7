package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.TestRoom;
import dev.parley.client.platform.ChildJvm;
import dev.parley.client.platform.SingleInstance;
import dev.parley.client.ui.support.AppWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Parley runs; someone clicks a {@code parley://} link, which starts a second Parley process. That process
 * hands the link to the running app and ends; the running app joins the room the link names.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LinkHandOffUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();
    @TempDir
    Path temp;
    private TestRoom room;
    private SingleInstance running;

    @AfterEach
    void stopListeningForLinks() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aLinkClickedWhileParleyRunsJoinsInTheRunningApp(FxRobot robot) throws Exception {
        room = app.startRoom();
        Path home = temp.resolve("home");
        // What ParleyApp does at start: claim the instance, follow handed-over links on the FX thread.
        SingleInstance.Claim claim = SingleInstance.claim(home, "",
                link -> Platform.runLater(() -> HandedLinks.follow(app.shell(), link)), Duration.ofSeconds(5));
        running = ((SingleInstance.First) claim).instance();

        String link = "parley://erin@127.0.0.1:" + room.port() + "/";
        Process second = ChildJvm.start(temp.resolve("second.log"), List.of("-Dparley.home=" + home),
                ParleyLauncher.class.getName(), link);
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(temp.resolve("second.log"))).isZero();

        await().atMost(WAIT).until(() -> app.shell().main() != null);
        await().atMost(WAIT).until(() -> robot.lookup("#user-erin").tryQuery().isPresent());
    }

    /** A damaged link opened with the app (`./parley 'parley://…'`, a click) says why on the start screen, not only in the log. */
    @Test
    void aDamagedLinkSaysWhatIsWrongOnTheStartScreen(FxRobot robot) throws Exception {
        robot.interact(() -> HandedLinks.follow(app.shell(), "parley://127.0.0.1:notaport/Lobby"));

        assertThat(app.shell().main()).isNull();
        assertThat(dev.parley.client.ui.support.Forms.onFx(() -> app.shell().connectModel().errorProperty().get()))
                .as("the start screen's error line").isNotBlank();
    }
}
