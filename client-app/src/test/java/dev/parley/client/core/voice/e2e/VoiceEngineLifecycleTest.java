package dev.parley.client.core.voice.e2e;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.device.WavFileOutput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.MicTest;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.model.UserState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class VoiceEngineLifecycleTest {

    private static final VoiceSettings QUIET = VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)
            .withProcessing(AudioProcessingSettings.allDisabled());

    @TempDir
    Path dir;

    @Test
    void micTestPlaysYourOwnVoiceBackThroughTheCodecWithoutTheNetwork() throws Exception {
        short[] speech = firstSeconds(2);
        Path file = dir.resolve("two-seconds.wav");
        try (WavFileOutput out = WavFileOutput.create(file)) {
            for (int i = 0; i + PcmFormat.CHUNK_SAMPLES <= speech.length; i += PcmFormat.CHUNK_SAMPLES) {
                out.write(Arrays.copyOfRange(speech, i, i + PcmFormat.CHUNK_SAMPLES));
            }
        }
        RecordingOutput heard = new RecordingOutput();
        try (MicTest test = MicTest.start(WavFileInput.open(file, WavFileInput.Pacing.REAL_TIME, false), heard,
                QUIET.withTransmitMode(TransmitMode.ALWAYS_ON))) {
            // Two seconds of file: wait until it has been read and its last frames played.
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.samples().length > 3 * 48_000
                    && test.stats().map(s -> !s.jitter().talking()).orElse(false));
            assertThat(test.stats().orElseThrow().decodedFrames()).isGreaterThan(50);
        }
        assertThat(Envelope.bestCorrelation(speech, heard.samples())).isGreaterThan(VoiceEndToEndTest.SAME_SPEECH);
    }

    @Test
    void voiceComesBackWithANewSessionAfterTheControlConnectionReconnects() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient client = Clients.client(room.port())) {
            ControlClient admin = Clients.registered(room.port(), "admin");
            // Someone else holds a voice session in this run too, as in a real room.
            await(admin.request(new dev.parley.protocol.control.message.Voice.Start(),
                    dev.parley.protocol.control.message.Voice.Ready.class));
            Clients.signIn(client, new Credentials.Register("bob", Clients.PASSWORD, null));
            try (VoiceEngine engine = new VoiceEngine(client, new NullAudioInput(), new RecordingOutput(), QUIET)) {
                int first = await(engine.start());
                admin.close();
                await(engine.setDeafened(true));
                awaitUdp(engine);

                room.restart();

                await().atMost(Duration.ofSeconds(15)).until(() -> client.status().state() == ConnectionState.CONNECTED
                        && engine.sessionId().isPresent() && engine.sessionId().getAsInt() != first);
                awaitUdp(engine);
                assertThat(engine.sessionId()).isNotEqualTo(OptionalInt.of(first));
                // the switches are told to the new server run too
                await().atMost(Duration.ofSeconds(5)).until(() -> bobIsDeafenedOnTheServer(room));
            }
        }
    }

    private static boolean bobIsDeafenedOnTheServer(TestRoom room) throws Exception {
        try (ControlClient observer = Clients.client(room.port())) {
            return Clients.signIn(observer, new Credentials.Guest("observer", null)).users().stream()
                    .filter(user -> user.user().name().equals("bob")).anyMatch(UserState::deafened);
        }
    }

    private static void awaitUdp(VoiceEngine engine) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
    }

    private static short[] firstSeconds(int seconds) throws Exception {
        Path file = Path.of(VoiceEngineLifecycleTest.class.getResource("/audio/speech-48k.wav").toURI());
        short[] all = new short[48_000 * seconds];
        try (WavFileInput input = WavFileInput.open(file)) {
            short[] chunk = PcmFormat.newChunk();
            for (int n = 0; n < all.length && input.read(chunk); n += chunk.length) {
                System.arraycopy(chunk, 0, all, n, chunk.length);
            }
        }
        return all;
    }
}
