package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@org.junit.jupiter.api.extension.ExtendWith(dev.parley.client.core.audio.real.StolenCpuJudge.class)
@Timeout(90)
class HeadlessClientTest {

    @TempDir
    Path dir;

    @Test
    void oneHeadlessClientHearsWhatAnotherPlaysAndTheChatLineArrives() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin")) {
            await(admin.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class));
            CompletableFuture<Chat.Posted> chat = new CompletableFuture<>();
            admin.on(Chat.Posted.class, chat::complete);
            Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
            Path recording = dir.resolve("heard.wav");
            String port = String.valueOf(room.port());
            // Bob checks the fingerprint the host printed; Alice trusts on first use.
            String fingerprint = room.server().fingerprint().orElseThrow().toString();

            StringWriter bobOut = new StringWriter();
            CompletableFuture<Integer> bob = run(bobOut, "--port", port, "--trust", fingerprint,
                    "--known-servers", dir.resolve("bob-known.json").toString(), "--guest", "bob", "--channel", "games",
                    "--record", recording.toString(), "--until-quiet", "1", "--seconds", "45");
            await().atMost(Duration.ofSeconds(15)).until(() -> bobOut.toString().contains("voice session"));
            StringWriter aliceOut = new StringWriter();
            CompletableFuture<Integer> alice = run(aliceOut, "--port", port, "--trust-on-first-use",
                    "--known-servers", dir.resolve("alice-known.json").toString(), "--guest", "alice", "--channel", "Games",
                    "--play", speech.toString(), "--say", "hello from the cli");

            assertThat(alice.get(40, TimeUnit.SECONDS)).as(aliceOut.toString()).isZero();
            assertThat(bob.get(40, TimeUnit.SECONDS)).as(bobOut.toString()).isZero();
            assertThat(aliceOut.toString()).contains("Voice: path UDP").containsPattern("frames sent \\d{3}");
            assertThat(aliceOut.toString()).containsPattern("Link last 10 s: rtt [0-9.]+ ms, loss up [0-9.]+% down "
                    + "[0-9.]+%, jitter [0-9.]+ ms; whole run: rtt [0-9.]+ ms, loss up [0-9.]+% down [0-9.]+%");
            assertThat(bobOut.toString()).containsPattern("frames received \\d{3}").contains("real data");
            assertThat(chat.get(5, TimeUnit.SECONDS).message().text()).isEqualTo("hello from the cli");
            assertThat(Files.size(recording)).isGreaterThan(44 + 48_000 * 2 * 5);
            assertThat(correlationWithSpeech(speech, recording)).as(bobOut.toString()).isGreaterThan(0.7);
        }
    }

    @Test
    void anUnknownChannelIsAUsageError() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            StringWriter out = new StringWriter();
            int code = run(out, "--port", String.valueOf(room.port()), "--trust-on-first-use", "--known-servers",
                    dir.resolve("known.json").toString(), "--guest", "eve", "--channel", "Nowhere")
                    .get(20, TimeUnit.SECONDS);
            assertThat(code).isEqualTo(2);
        }
    }

    private static CompletableFuture<Integer> run(StringWriter out, String... args) {
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return CompletableFuture.supplyAsync(() -> command.execute(args));
    }

    private static double correlationWithSpeech(Path speech, Path recording) {
        return dev.parley.client.core.voice.e2e.EnvelopeAccess.bestCorrelation(read(speech), read(recording));
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
