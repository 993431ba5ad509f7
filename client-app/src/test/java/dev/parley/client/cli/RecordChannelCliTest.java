package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.record.DecodedRecording;
import dev.parley.client.core.record.OggOpusReader;
import dev.parley.client.core.record.RecordingMixer;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parley cli --record-channel}: through a real room, one headless client plays a WAV, another
 * records the channel; the speaker's Ogg Opus track decodes to the speech that was sent, and a third
 * user in the channel is told who records while it runs and that it ended.
 */
@Timeout(120)
class RecordChannelCliTest {

    @TempDir
    Path dir;

    @Test
    void theRecordedSpeakerTrackIsTheSpeechThatWasSentAndTheChannelSawTheRecording() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin")) {
            long games = await(admin.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                    .channel().id();
            List<Recording.State> seenByAdmin = new CopyOnWriteArrayList<>();
            admin.on(Recording.State.class, seenByAdmin::add);
            await(admin.request(new Channels.Join(games, null), Ok.class));
            Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
            Path folder = dir.resolve("recording");
            String port = String.valueOf(room.port());

            StringWriter bobOut = new StringWriter();
            CompletableFuture<Integer> bob = run(bobOut, "--port", port, "--trust-on-first-use",
                    "--known-servers", dir.resolve("bob-known.json").toString(), "--guest", "bob", "--channel", "games",
                    "--record-channel", folder.toString(), "--until-quiet", "1", "--seconds", "45");
            await().atMost(Duration.ofSeconds(20)).until(() -> bobOut.toString().contains("Recording channel"));
            await().atMost(Duration.ofSeconds(5)).until(() -> seenByAdmin.stream().anyMatch(state ->
                    state.channelId() == games && state.recorders().stream().map(UserInfo::name).toList().equals(List.of("bob"))));
            StringWriter aliceOut = new StringWriter();
            CompletableFuture<Integer> alice = run(aliceOut, "--port", port, "--trust-on-first-use",
                    "--known-servers", dir.resolve("alice-known.json").toString(), "--guest", "alice", "--channel", "Games",
                    "--play", speech.toString());

            assertThat(alice.get(60, TimeUnit.SECONDS)).as(aliceOut.toString()).isZero();
            assertThat(bob.get(60, TimeUnit.SECONDS)).as(bobOut.toString()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> !seenByAdmin.isEmpty()
                    && seenByAdmin.get(seenByAdmin.size() - 1).recorders().isEmpty());

            List<Path> files;
            try (Stream<Path> listing = Files.list(folder)) {
                files = listing.toList();
            }
            assertThat(files).as(bobOut.toString()).hasSize(2);
            Path mix = folder.resolve(RecordingMixer.MIX_FILE);
            Path track = files.stream().filter(file -> !file.equals(mix)).findFirst().orElseThrow();
            assertThat(files).contains(mix);
            assertThat(track.getFileName().toString()).matches("alice-\\d+\\.opus");
            assertThat(bobOut.toString()).contains("Recorded 2 files:").contains(track.toString()).contains(mix.toString());

            short[] sent = read(speech);
            for (Path file : List.of(track, mix)) {
                short[] decoded = DecodedRecording.pcm(OggOpusReader.read(file));
                // Each file holds at least all of the speech (it starts when recording started, before Alice spoke).
                assertThat(decoded.length).as("%s", file).isGreaterThan(sent.length);
                double correlation = dev.parley.client.core.voice.e2e.EnvelopeAccess.bestCorrelation(sent, decoded);
                assertThat(correlation).as("%s: %s", file, bobOut).isGreaterThan(0.7);
            }
        }
    }

    private static CompletableFuture<Integer> run(StringWriter out, String... args) {
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return CompletableFuture.supplyAsync(() -> command.execute(args));
    }

    private static short[] read(Path file) {
        try (WavFileInput input = WavFileInput.open(file)) {
            short[] all = new short[48_000 * 60];
            short[] chunk = PcmFormat.newChunk();
            int length = 0;
            while (length + chunk.length <= all.length && input.read(chunk)) {
                System.arraycopy(chunk, 0, all, length, chunk.length);
                length += chunk.length;
            }
            return java.util.Arrays.copyOf(all, length);
        }
    }
}
