package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.support.AppWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** Stop hosting, then quit at once: the room's database closes cleanly and the port is free again. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class QuitUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    @Test
    void quittingRightAfterStopHostingWaitsForTheRoomToCloseCleanly(FxRobot robot) throws Exception {
        robot.clickOn("#tab-host");
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        int chosen = port;
        robot.interact(() -> robot.lookup("#host-port").<TextField>query().setText(Integer.toString(chosen)));
        robot.clickOn("#host-start");
        await().atMost(WAIT).until(() -> app.shell().main() != null && app.shell().main().session().hosted().isPresent());
        Path dataDir = app.shell().main().session().hosted().orElseThrow().dataDir();

        // Stop hosting, then quit before the background close could finish; then the pool is cut off as at exit.
        WaitForAsyncUtils.asyncFx(() -> {
            app.shell().leave();
            app.shell().shutdown();
        }).get(30, TimeUnit.SECONDS);
        app.background().shutdownNow();

        Path trace = dataDir.resolve("parley.trace.db");
        assertThat(trace).as(Files.exists(trace) ? "H2 wrote a trace: " + Files.readString(trace) : "no H2 trace").doesNotExist();
        try (java.net.ServerSocket again = new java.net.ServerSocket(chosen)) {
            assertThat(again.getLocalPort()).as("the control port is free again").isEqualTo(chosen);
        }
    }
}
