package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.record.DecodedRecording;
import dev.parley.client.core.record.OggOpusReader;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.core.record.RecordingMixer;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.TestSignals;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parley cli --answer --record-call DIR}: through a real room, bob answers ann's call and records
 * it while both talk; ann is told that bob records, and bob's folder holds both voices and their mix.
 */
@Timeout(120)
class RecordCallCliTest {

    @TempDir
    Path dir;

    @Test
    void theCalleeRecordsBothVoicesOfTheCallAndTheCallerIsToldSo() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            Path speech = Path.of(getClass().getResource("/audio/speech-48k.wav").toURI());
            Path recordings = dir.resolve("recordings");
            String port = String.valueOf(room.port());

            StringWriter bobOut = new StringWriter();
            CompletableFuture<Integer> bob = run(bobOut, "--port", port, "--trust-on-first-use",
                    "--known-servers", dir.resolve("bob-known.json").toString(), "--user", "bob", "--password", "secret-bob-1",
                    "--register", "--answer", "--record-call", recordings.toString(), "--play", speech.toString(),
                    "--until-quiet", "1", "--seconds", "30");
            await().atMost(Duration.ofSeconds(20)).until(() -> bobOut.toString().contains("Signed in as bob"));
            StringWriter annOut = new StringWriter();
            CompletableFuture<Integer> ann = run(annOut, "--port", port, "--trust-on-first-use",
                    "--known-servers", dir.resolve("ann-known.json").toString(), "--user", "ann", "--password", "secret-ann-1",
                    "--register", "--call", "bob", "--play", speech.toString());

            assertThat(ann.get(60, TimeUnit.SECONDS)).as(annOut.toString()).isZero();
            assertThat(bob.get(60, TimeUnit.SECONDS)).as(bobOut.toString()).isZero();

            assertThat(annOut.toString()).as("what ann was told").contains("bob is recording this call");
            assertThat(bobOut.toString()).contains("Recording the call with ann into").contains("Recorded the call: 3 files:");
            List<Path> folders;
            try (Stream<Path> listing = Files.list(recordings)) {
                folders = listing.toList();
            }
            assertThat(folders).hasSize(1);
            assertThat(RecordingLibrary.read(folders.get(0)).orElseThrow().callPeer()).contains("ann");
            List<String> names;
            try (Stream<Path> listing = Files.list(folders.get(0))) {
                names = listing.map(file -> file.getFileName().toString()).sorted().toList();
            }
            assertThat(names).as(bobOut.toString()).hasSize(3).contains(RecordingMixer.MIX_FILE)
                    .anyMatch(name -> name.matches("ann-\\d+\\.opus")).anyMatch(name -> name.matches("bob-\\d+\\.opus"));
            for (String name : names) {
                short[] pcm = DecodedRecording.pcm(OggOpusReader.read(folders.get(0).resolve(name)));
                assertThat(TestSignals.rms(pcm, 0, pcm.length)).as("%s holds speech", name).isGreaterThan(300);
            }
        }
    }

    private static CompletableFuture<Integer> run(StringWriter out, String... args) {
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return CompletableFuture.supplyAsync(() -> command.execute(args));
    }
}
