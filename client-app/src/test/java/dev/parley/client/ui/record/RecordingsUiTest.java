package dev.parley.client.ui.record;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.core.record.ToneRecording;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.support.Forms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Recordings window on a data folder with two recordings: the newest is listed first and chosen,
 * its mix plays by default, Play plays (the position and the elapsed time move), the seek bar follows,
 * and moving the seek bar (set, or dragged with the mouse) moves playback there. Played on a discarding
 * output at real time, the one the app uses without speakers.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RecordingsUiTest {
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private Path root;
    private RecordingsWindow window;

    @Start
    void start(Stage stage) throws Exception {
        root = Files.createTempDirectory("parley-recordings-");
        ToneRecording.write(root.resolve("2026-11-30_09-00-00").resolve("bob-3.opus"), 0.5, 0.5);
        Path newest = root.resolve("2026-12-01_18-30-05");
        ToneRecording.write(newest.resolve("ann-7.opus"), 2.0, 2.0);
        ToneRecording.write(newest.resolve("zoe-9.opus"), 1.0, 3.0);
        ToneRecording.write(newest.resolve(RecordingLibrary.MIX_FILE), 3.0, 1.0);
        RecordingsViewModel model = new RecordingsViewModel(root, NullAudioOutput::new, background, UiThread.fx());
        window = new RecordingsWindow(stage, model, null);
        window.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> window.stage().hide()).get(10, TimeUnit.SECONDS);
        background.shutdown();
        assertThat(background.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static String text(FxRobot robot, String id) {
        return Forms.onFx(() -> robot.lookup(id).<javafx.scene.control.Labeled>query().getText());
    }

    private static double seekBar(FxRobot robot) {
        return Forms.onFx(() -> robot.lookup("#player-seek").<Slider>query().getValue());
    }

    private double position() {
        return Forms.onFx(() -> window.model().player().positionProperty().get());
    }

    @Test
    void playsTheNewestRecordingsMixAndSeeksWhereTheBarIsMoved(FxRobot robot) {
        await().atMost(WAIT).until(() -> Forms.onFx(() -> robot.lookup("#recording-folders")
                .<ListView<RecordingLibrary.Folder>>query().getItems().size()) == 2);
        ListView<RecordingLibrary.Folder> folders = robot.lookup("#recording-folders").query();
        assertThat(Forms.onFx(() -> RecordingsViewModel.describe(folders.getItems().get(0))))
                .isEqualTo("2026-12-01 18:30:05 · 0:03 · 3 files");
        assertThat(Forms.onFx(() -> folders.getSelectionModel().getSelectedIndex())).isZero();
        ListView<RecordingLibrary.Track> tracks = robot.lookup("#recording-tracks").query();
        assertThat(Forms.onFx(() -> tracks.getItems().stream().map(RecordingLibrary.Track::speaker).toList()))
                .containsExactly("Everyone (mix)", "ann", "zoe");
        assertThat(text(robot, "#player-speaker")).isEqualTo("Everyone (mix)");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> window.model().player().readyProperty().get()));
        assertThat(text(robot, "#player-total")).isEqualTo("/ 0:03");

        robot.clickOn("#player-play");
        await().atMost(WAIT).until(() -> position() > 1.0);
        assertThat(text(robot, "#player-elapsed")).isEqualTo("0:01");
        assertThat(text(robot, "#player-play")).isEqualTo("Pause");
        // The bar follows the playback.
        assertThat(seekBar(robot)).isGreaterThan(1.0);

        // Moved back (as a click on the bar does): playback goes there and plays on.
        robot.interact(() -> robot.lookup("#player-seek").<Slider>query().setValue(0.2));
        await().atMost(WAIT).until(() -> position() >= 0.2 && position() < 0.9);
        await().atMost(WAIT).until(() -> position() > 0.9);

        // Dragged by the thumb towards the end: playback jumps there when let go.
        robot.drag("#player-seek .thumb").moveTo(robot.point("#player-seek").atPosition(javafx.geometry.Pos.CENTER_RIGHT))
                .release(javafx.scene.input.MouseButton.PRIMARY);
        await().atMost(WAIT).until(() -> position() > 3.4);
        assertThat(seekBar(robot)).isGreaterThan(3.4);

        // To the end, and it stops there.
        await().atMost(WAIT).until(() -> text(robot, "#player-play").equals("Play"));
        assertThat(position()).isCloseTo(4.0 - 312 / 48_000.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void choosingAnotherFileStopsTheFirstAndPlaysThatOne(FxRobot robot) throws Exception {
        await().atMost(WAIT).until(() -> Forms.onFx(() -> window.model().player().readyProperty().get()));
        robot.clickOn("#player-play");
        await().atMost(WAIT).until(() -> position() > 0.3);
        // Listed again, with a recording more: the one chosen stays chosen and plays on.
        ToneRecording.write(root.resolve("2026-12-02_07-00-00").resolve("ann-1.opus"), 0.2, 0.2);
        robot.interact(() -> window.model().refresh());
        await().atMost(WAIT).until(() -> Forms.onFx(() -> window.model().folders().size()) == 3);
        ListView<RecordingLibrary.Folder> folders = robot.lookup("#recording-folders").query();
        assertThat(Forms.onFx(() -> folders.getSelectionModel().getSelectedItem().folder().getFileName().toString()))
                .isEqualTo("2026-12-01_18-30-05");
        assertThat(text(robot, "#player-play")).isEqualTo("Pause");

        robot.clickOn("zoe · 0:03");
        await().atMost(WAIT).until(() -> text(robot, "#player-speaker").equals("zoe"));
        assertThat(text(robot, "#player-play")).isEqualTo("Play");
        await().atMost(WAIT).until(() -> Forms.onFx(() -> window.model().player().readyProperty().get()));
        assertThat(position()).isZero();

        robot.clickOn("#player-play");
        await().atMost(WAIT).until(() -> position() > 0.3);
    }
}
