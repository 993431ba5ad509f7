package dev.parley.client.core.record;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Recording a channel with real engines through a real room: what the channel heard, the recorder's own talk included. */
@Timeout(60)
class ChannelRecordingTest {
    private static final VoiceSettings SETTINGS = VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
            .withProcessing(AudioProcessingSettings.allDisabled());

    @TempDir
    Path dir;

    @Test
    void theRecordersOwnTalkToTheChannelIsInTheRecordingButAWhisperToThemIsNot() throws Exception {
        Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient annClient = Clients.client(room.port());
             ControlClient bobClient = Clients.client(room.port());
             ControlClient carolClient = Clients.client(room.port())) {
            long ann = Clients.signIn(annClient, new Credentials.Guest("ann", null)).self().id();
            Clients.signIn(bobClient, new Credentials.Guest("bob", null));
            Clients.signIn(carolClient, new Credentials.Guest("carol", null));
            try (VoiceEngine annVoice = new VoiceEngine(annClient, WavFileInput.open(speech, WavFileInput.Pacing.REAL_TIME,
                    true), new NullAudioOutput(), SETTINGS);
                 VoiceEngine bobVoice = new VoiceEngine(bobClient, new NullAudioInput(), new NullAudioOutput(),
                         SETTINGS.withTransmitMode(TransmitMode.PUSH_TO_TALK));
                 VoiceEngine carolVoice = new VoiceEngine(carolClient, WavFileInput.open(speech,
                         WavFileInput.Pacing.REAL_TIME, true), new NullAudioOutput(),
                         SETTINGS.withTransmitMode(TransmitMode.PUSH_TO_TALK))) {
                int annSession = await(annVoice.start());
                await(bobVoice.start());
                int carolSession = await(carolVoice.start());
                for (VoiceEngine engine : List.of(annVoice, bobVoice, carolVoice)) {
                    await().atMost(Duration.ofSeconds(10)).until(() ->
                            engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
                }
                await(carolVoice.setWhisperTarget(1, List.of(ann), null, false));

                ChannelRecording recording = await(ChannelRecording.start(bobClient, bobVoice, dir.resolve("by-bob"),
                        session -> null));
                ChannelRecording annRecording = await(ChannelRecording.start(annClient, annVoice, dir.resolve("by-ann"),
                        session -> null));
                carolVoice.setWhisper(1, true);
                await().atMost(Duration.ofSeconds(10)).until(() -> annVoice.speakerStats().containsKey(carolSession)
                        && annVoice.speakerStats().get(carolSession).decodedFrames() > 100
                        && bobVoice.speakerStats().containsKey(annSession)
                        && bobVoice.speakerStats().get(annSession).decodedFrames() > 100);
                carolVoice.setWhisper(1, false);
                List<Path> byBob = recording.stop();
                List<Path> byAnn = annRecording.stop();

                String annTrack = "speaker-" + Integer.toUnsignedString(annSession) + ".opus";
                assertThat(byBob).extracting(file -> file.getFileName().toString())
                        .containsExactly(RecordingMixer.MIX_FILE, annTrack);
                assertThat(byAnn).extracting(file -> file.getFileName().toString())
                        .as("ann's own talk is in her recording; carol's whisper to her is not")
                        .containsExactly(RecordingMixer.MIX_FILE, annTrack);
                short[] annRecorded = DecodedRecording.pcm(OggOpusReader.read(byAnn.get(1)));
                assertThat(dev.parley.client.core.voice.TestSignals.rms(annRecorded, 0, annRecorded.length))
                        .as("her track holds her speech").isGreaterThan(300);
            }
        }
    }
}
