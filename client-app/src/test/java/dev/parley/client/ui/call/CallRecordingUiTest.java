package dev.parley.client.ui.call;

import static dev.parley.client.ui.support.Forms.WAIT;
import static dev.parley.client.ui.support.Forms.onFx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.call.CallDesk;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.record.RecordingsViewModel;
import dev.parley.client.ui.support.AppWindow;
import dev.parley.client.ui.support.Forms;
import dev.parley.client.ui.voice.QuietVoiceControls;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.CallState;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * Recording a call in the real window against a real room: ann (the app) records her call with bob from
 * the call bar, and the "● Recording" indicator shows on both sides while anyone records it, bob's side
 * being a second call bar over his own client. Bob talks from a WAV file, so ann's recording has a voice.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CallRecordingUiTest {
    @RegisterExtension
    final AppWindow app = new AppWindow();

    /** The text of a shown labelled node below {@code root}, "" when it or its bar is hidden. */
    private static String shown(FxRobot robot, Node root, String id) {
        return onFx(() -> robot.from(root).lookup(id).tryQuery()
                .filter(node -> node.isVisible() && node.getParent().isVisible())
                .map(node -> ((Labeled) node).getText()).orElse(""));
    }

    @Test
    void bothSidesOfACallSeeWhoRecordsItUntilTheCallEnds(FxRobot robot) throws Exception {
        TestRoom room = app.startRoom();
        Forms.register(robot, room.port(), "ann");
        await().atMost(WAIT).until(() -> app.shell().main().session().voice().linkQuality().isPresent());
        long ann = onFx(() -> app.shell().main().tree().selfIdProperty().get());

        ControlClient bob = app.closeAfterWindow(Clients.client(room.port()));
        Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null));
        CallDesk bobDesk = new CallDesk(bob);
        VoiceEngine bobVoice = app.closeAfterWindow(new VoiceEngine(bob, WavFileInput.open(
                Path.of(getClass().getResource("/audio/speech-48k.wav").toURI()), WavFileInput.Pacing.REAL_TIME, true),
                new NullAudioOutput(), VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
                        .withProcessing(AudioProcessingSettings.allDisabled())));
        Clients.await(bobVoice.start());
        // Bob's side in the app's own terms: his call bar over his client, in a window of its own.
        CallViewModel bobCalls = new CallViewModel(CallLine.over(bobDesk), new QuietVoiceControls(), Ringer.silent(),
                UiThread.fx());
        CallRecordingViewModel bobRecording = new CallRecordingViewModel(bob, CallLine.over(bobDesk),
                new QuietVoiceControls(), app.home().resolve("bob-recordings"), UiThread.fx());
        app.closeAfterWindow(() -> robot.interact(() -> {
            bobRecording.close();
            bobCalls.close();
        }));
        AtomicReference<Stage> bobWindow = new AtomicReference<>();
        robot.interact(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new CallBar(bobCalls, bobRecording), 900, 60));
            stage.show();
            bobWindow.set(stage);
        });
        app.closeAfterWindow(() -> robot.interact(() -> bobWindow.get().close()));
        Node annBar = onFx(() -> app.stage().getScene().getRoot());
        Node bobBar = onFx(() -> bobWindow.get().getScene().getRoot());
        // Both windows have a Record toggle: this one is ann's.
        Node annRecord = onFx(() -> robot.from(annBar).lookup("#call-record").query());

        Clients.await(bobDesk.ring(ann));
        await().atMost(WAIT).until(() -> "bob is calling".equals(shown(robot, annBar, "#call-status")));
        robot.clickOn(onFx(() -> robot.from(annBar).lookup("#call-accept").<Node>query()));
        await().atMost(WAIT).until(() -> bobDesk.current().filter(call -> call.state() == CallState.ACTIVE).isPresent());
        bobVoice.setTalkToCall(true);
        await().atMost(WAIT).until(() -> "In a call with ann".equals(shown(robot, bobBar, "#call-status")));
        assertThat(shown(robot, annBar, "#call-recording")).as("nobody records yet").isEmpty();

        robot.clickOn(annRecord);

        await().atMost(WAIT).until(() -> "● Recording (ann)".equals(shown(robot, annBar, "#call-recording")));
        await().atMost(WAIT).until(() -> "● Recording (ann)".equals(shown(robot, bobBar, "#call-recording")));
        Clients.await(bob.requestOk(Recording.Start.ofCall()));
        await().atMost(WAIT).until(() -> "● Recording (ann, bob)".equals(shown(robot, annBar, "#call-recording")));
        await().atMost(WAIT).until(() -> "● Recording (ann, bob)".equals(shown(robot, bobBar, "#call-recording")));
        // Ann's recording hears bob for a second (50 of his frames into the call) before she stops it.
        long sent = bobVoice.transportStats().orElseThrow().audioSent();
        await().atMost(WAIT).until(() -> bobVoice.transportStats().orElseThrow().audioSent() > sent + 50);

        robot.clickOn(annRecord);

        await().atMost(WAIT).until(() -> "● Recording (bob)".equals(shown(robot, annBar, "#call-recording")));
        await().atMost(WAIT).until(() -> "● Recording (bob)".equals(shown(robot, bobBar, "#call-recording")));
        String saved = await().atMost(WAIT).until(() -> onFx(() -> app.shell().main().callRecording()
                .noticeProperty().get()), notice -> notice.startsWith("Saved"));
        RecordingLibrary.Folder recorded = RecordingLibrary.read(Path.of(saved.substring(saved.indexOf(" in ") + 4)))
                .orElseThrow();
        assertThat(RecordingsViewModel.describe(recorded)).as("how the Recordings window lists it")
                .startsWith("Call with bob · ");

        Clients.await(bobDesk.hangup());

        await().atMost(WAIT).until(() -> shown(robot, bobBar, "#call-recording").isEmpty());
        await().atMost(WAIT).until(() -> shown(robot, annBar, "#call-recording").isEmpty());
    }
}
