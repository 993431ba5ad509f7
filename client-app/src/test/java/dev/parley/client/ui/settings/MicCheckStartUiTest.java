package dev.parley.client.ui.settings;

import static dev.parley.client.ui.support.Forms.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.ui.app.VoicePreferences;
import dev.parley.client.ui.fx.UiThread;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
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
 * The microphone check asks the user to speak only once the microphone really delivers audio. Before, it
 * said "Speak" as soon as the test was started, while the first test of a session was still warming the
 * capture path and the line was still starting: the first 0.3-1.4 s of what the user said were lost.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MicCheckStartUiTest {

    private final GatedDevices devices = new GatedDevices();
    private final ExecutorService background = Executors.newSingleThreadExecutor();
    private MicCheckViewModel model;
    private Label note;

    @Start
    void start(Stage stage) {
        model = new MicCheckViewModel(devices, background, UiThread.fx());
        note = new Label();
        note.setId("mic-note");
        note.textProperty().bind(model.noteProperty());
        stage.setScene(new Scene(new VBox(note), 400, 100));
        stage.show();
    }

    @AfterEach
    void tearDown() throws Exception {
        devices.firstAudio.countDown();
        WaitForAsyncUtils.asyncFx(model::close).get(10, TimeUnit.SECONDS);
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void theCheckSaysSpeakOnlyOnceTheMicrophoneDelivers(FxRobot robot) throws Exception {
        robot.interact(() -> model.toggle(VoicePreferences.defaults()));

        // The capture thread is waiting for the microphone's first audio (warm-up done, line started)...
        assertThat(devices.reading.await(60, TimeUnit.SECONDS)).isTrue();
        WaitForAsyncUtils.waitForFxEvents();
        // ...and the user is not yet told to speak.
        assertThat(note.getText()).isEqualTo("Starting the microphone…");

        devices.firstAudio.countDown();
        await().atMost(WAIT).until(() -> note.getText().startsWith("Speak"));
        assertThat(model.runningProperty().get()).isTrue();
    }

    @Test
    void withNoMicrophoneAtAllTheCheckSaysSoInsteadOfStartingForever(FxRobot robot) throws Exception {
        MicCheckViewModel noMicrophone = new MicCheckViewModel(new GatedDevices() {
            @Override
            public AudioInput openInput(String name) {
                throw new dev.parley.client.core.audio.AudioDeviceException("no capture device on this machine");
            }
        }, background, UiThread.fx());
        robot.interact(() -> {
            note.textProperty().bind(noMicrophone.noteProperty());
            noMicrophone.toggle(VoicePreferences.defaults());
        });

        await().atMost(WAIT).until(() -> note.getText().startsWith("No microphone found"));
        assertThat(noMicrophone.runningProperty().get()).as("the test is over: its button offers to start again").isFalse();
    }

    /** A microphone that delivers nothing until {@link #firstAudio}, then a quiet tone at its pace. */
    private static class GatedDevices implements AudioDevices {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch firstAudio = new CountDownLatch(1);

        @Override
        public List<AudioDeviceInfo> inputs() {
            return List.of(new AudioDeviceInfo(DEFAULT, "gated"));
        }

        @Override
        public List<AudioDeviceInfo> outputs() {
            return inputs();
        }

        @Override
        public AudioInput openInput(String name) {
            return new AudioInput() {
                private volatile boolean closed;
                private long sample;

                @Override
                public void start() {
                    // nothing to start
                }

                @Override
                public boolean read(short[] chunk) {
                    reading.countDown();
                    try {
                        // A real line blocks until its first period; this one until the test lets it.
                        while (!firstAudio.await(50, TimeUnit.MILLISECONDS)) {
                            if (closed) {
                                return false;
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    // Then at a device's pace, 10 ms a chunk.
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                    for (int i = 0; i < chunk.length; i++, sample++) {
                        chunk[i] = (short) (3000 * Math.sin(2 * Math.PI * 300 * sample / 48_000.0));
                    }
                    return !closed;
                }

                @Override
                public String description() {
                    return "gated";
                }

                @Override
                public void close() {
                    closed = true;
                }
            };
        }

        @Override
        public AudioOutput openOutput(String name) {
            return new NullAudioOutput();
        }
    }
}
