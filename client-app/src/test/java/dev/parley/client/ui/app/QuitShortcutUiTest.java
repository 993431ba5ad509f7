package dev.parley.client.ui.app;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.UiRoom;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Ctrl+Q quits the way closing the window does: through the window's close request. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuitShortcutUiTest {
    @TempDir
    Path temp;
    private final ExecutorService background = Executors.newFixedThreadPool(2);
    private AppShell shell;
    private Stage stage;
    private final AtomicInteger closeRequests = new AtomicInteger();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        shell = new AppShell(stage, UiRoom.context(temp.resolve("home"), UiThread.fx(), background), url -> { });
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, event -> closeRequests.incrementAndGet());
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> shell.shutdown()).get(20, TimeUnit.SECONDS);
        background.shutdownNow();
    }

    @Test
    void ctrlQClosesTheWindowThroughItsCloseRequest(FxRobot robot) {
        assertThat(stage.isShowing()).isTrue();

        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);

        await().atMost(WAIT).until(() -> !stage.isShowing());
        assertThat(closeRequests.get()).as("went through the close request a confirmation can veto").isEqualTo(1);
    }
}
