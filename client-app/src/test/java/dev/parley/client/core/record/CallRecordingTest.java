package dev.parley.client.core.record;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.call.CallDesk;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.receive.ReceiveStats;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.UserInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recording a call with real engines through a real room: both voices of the call are in it (the other
 * side's as received, the recorder's own as sent), and nothing of the channel both still hear.
 */
@Timeout(60)
class CallRecordingTest {
    private static final VoiceSettings OPEN_MIC = VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
            .withProcessing(AudioProcessingSettings.allDisabled());

    @TempDir
    Path dir;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();

    /** A signed-in account whose open microphone plays speech, with its call desk. */
    private record Person(long id, ControlClient client, CallDesk desk, VoiceEngine voice, int session) {
    }

    @AfterEach
    void stopAll() throws Exception {
        while (!cleanup.isEmpty()) {
            cleanup.pop().close();
        }
    }

    private Person speaker(TestRoom room, String name) throws Exception {
        ControlClient client = Clients.client(room.port());
        cleanup.push(client);
        long id = Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id();
        CallDesk desk = new CallDesk(client);
        cleanup.push(desk);
        VoiceEngine voice = new VoiceEngine(client, WavFileInput.open(speech(), WavFileInput.Pacing.REAL_TIME, true),
                new NullAudioOutput(), OPEN_MIC);
        cleanup.push(voice);
        int session = await(voice.start());
        await().atMost(Duration.ofSeconds(10)).until(() ->
                voice.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
        return new Person(id, client, desk, voice, session);
    }

    @Test
    void aCallRecordingHoldsBothSidesOfTheCallAndNothingOfTheChannel() throws Exception {
        TestRoom room = TestRoom.start(dir.resolve("room"));
        cleanup.push(room);
        Person ann = speaker(room, "ann");
        Person bob = speaker(room, "bob");
        Person carol = speaker(room, "carol"); // keeps talking to the lobby, where ann and bob are too
        List<Recording.State> toldBob = new CopyOnWriteArrayList<>();
        cleanup.push(bob.client().on(Recording.State.class, toldBob::add));

        await(ann.desk().ring(bob.id()));
        await().atMost(Duration.ofSeconds(5)).until(() -> bob.desk().current()
                .filter(call -> call.state() == CallState.INCOMING).isPresent());
        await(bob.desk().accept());
        await().atMost(Duration.ofSeconds(5)).until(() -> ann.desk().current().filter(CallDesk.CurrentCall::active)
                .isPresent());
        ann.voice().setTalkToCall(true);
        bob.voice().setTalkToCall(true);

        Map<Integer, String> names = Map.of(ann.session(), "ann", bob.session(), "bob", carol.session(), "carol");
        Path folder = dir.resolve("recordings").resolve(RecordingLibrary.callFolderName("bob", LocalDateTime.now()));
        ChannelRecording recording = await(ChannelRecording.startCall(ann.client(), ann.voice(), folder, names::get));
        await().atMost(Duration.ofSeconds(5)).until(() -> toldBob.stream().anyMatch(state -> state.forCall()
                && state.recorders().stream().map(UserInfo::name).toList().equals(List.of("ann"))));
        long bobHeard = decoded(ann, bob);
        long carolHeard = decoded(ann, carol);
        // Two seconds of bob in the call, while carol goes on talking to the channel ann hears too.
        await().atMost(Duration.ofSeconds(10)).until(() -> decoded(ann, bob) > bobHeard + 100
                && decoded(ann, carol) > carolHeard + 100);
        List<Path> files = recording.stop();

        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactlyInAnyOrder(
                RecordingMixer.MIX_FILE, "ann-" + Integer.toUnsignedString(ann.session()) + ".opus",
                "bob-" + Integer.toUnsignedString(bob.session()) + ".opus");
        for (Path file : files) {
            short[] pcm = DecodedRecording.pcm(OggOpusReader.read(file));
            assertThat(TestSignals.rms(pcm, 0, pcm.length)).as("%s holds speech", file.getFileName()).isGreaterThan(300);
        }
        RecordingLibrary.Folder listed = RecordingLibrary.list(dir.resolve("recordings")).get(0);
        assertThat(listed.callPeer()).as("the library tells a call recording apart").contains("bob");
        assertThat(listed.tracks()).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).until(() -> !toldBob.isEmpty()
                && toldBob.get(toldBob.size() - 1).recorders().isEmpty());
    }

    private static long decoded(Person listener, Person speaker) {
        ReceiveStats stats = listener.voice().speakerStats().get(speaker.session());
        return stats == null ? 0 : stats.decodedFrames();
    }

    private static Path speech() throws Exception {
        return Path.of(CallRecordingTest.class.getResource("/audio/speech-48k.wav").toURI());
    }
}
