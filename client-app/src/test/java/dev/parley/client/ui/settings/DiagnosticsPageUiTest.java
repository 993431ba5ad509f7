package dev.parley.client.ui.settings;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.TestRoom;
import dev.parley.platform.AppDirs;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Diagnostics page runs the doctor against a real room and offers the report to copy. */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DiagnosticsPageUiTest {
    @TempDir
    static Path temp;
    private TestRoom room;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new DiagnosticsPage(new AppDirs(temp.resolve("data"), temp.resolve("logs"))), 800, 500));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void checksARoomAndCopiesTheReport(FxRobot robot) throws Exception {
        room = TestRoom.start(temp.resolve("room"));
        robot.interact(() -> robot.lookup("#diagnostics-room").<TextField>query().setText("127.0.0.1:" + room.port()));
        robot.interact(() -> robot.lookup("#diagnostics-run").<Button>query().fire());

        TextArea report = robot.lookup("#diagnostics-report").query();
        await().atMost(WAIT).until(() -> report.getText().contains("== Room") && !robot.lookup("#diagnostics-run").<Button>query().isDisabled());
        assertThat(report.getText()).contains("voice path: UDP gets through", "fingerprint: " + room.server().fingerprint().orElseThrow());

        robot.interact(() -> robot.lookup("#diagnostics-copy").<Button>query().fire());
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get(10, TimeUnit.SECONDS);
        assertThat(copied).isEqualTo(report.getText());
    }

    @Test
    void aMistypedRoomSaysWhatIsWrong(FxRobot robot) {
        robot.interact(() -> robot.lookup("#diagnostics-room").<TextField>query().setText("host:notaport"));
        robot.interact(() -> robot.lookup("#diagnostics-run").<Button>query().fire());
        assertThat(robot.lookup("#diagnostics-report").<TextArea>query().getText()).contains("not a number");
    }
}
