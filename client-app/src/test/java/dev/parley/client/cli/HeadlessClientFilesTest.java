package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.support.TestRoom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code parley cli --send-file}, {@code --files} and {@code --download} against a real room. */
@Timeout(90)
class HeadlessClientFilesTest {
    @TempDir
    Path dir;

    private record Run(int code, String out) {
    }

    private Run cli(TestRoom room, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", String.valueOf(room.port()), "--trust-on-first-use",
                "--known-servers", dir.resolve("known.json").toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        int code = command.execute(all.toArray(String[]::new));
        return new Run(code, out.toString());
    }

    @Test
    void fileSentFromTheCliIsListedAndSavedByteForByteByAnotherAccount() throws Exception {
        byte[] bytes = new byte[100_000];
        new Random(7).nextBytes(bytes);
        Path file = Files.write(dir.resolve("level-3.sav"), bytes);
        Path saved = Files.createDirectories(dir.resolve("downloads"));
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            Run ann = cli(room, "--user", "ann", "--password", "correct horse battery", "--register",
                    "--send-file", file.toString(), "--caption", "my save game");
            assertThat(ann.code()).as(ann.out()).isZero();
            Matcher sent = Pattern.compile("Sent level-3.sav as message (\\d+) \\(97.7 KB, application/octet-stream\\)")
                    .matcher(ann.out());
            assertThat(sent.find()).as(ann.out()).isTrue();
            String messageId = sent.group(1);

            Run bob = cli(room, "--user", "bob", "--password", "correct horse battery", "--register", "--files",
                    "--download", messageId, "--save-to", saved.toString());

            assertThat(bob.code()).as(bob.out()).isZero();
            assertThat(bob.out()).contains("message " + messageId + " from ann: level-3.sav (97.7 KB");
            assertThat(saved.resolve("level-3.sav")).hasBinaryContent(bytes);
            assertThat(saved.resolve("level-3.sav.part")).doesNotExist();
        }
    }

    @Test
    void fileSentToADirectMessageReachesOnlyThatPerson() throws Exception {
        Path note = Files.writeString(dir.resolve("note.txt"), "meet at eight\n");
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            assertThat(cli(room, "--user", "bob", "--password", "correct horse battery", "--register", "--files").code())
                    .isZero();
            assertThat(cli(room, "--user", "cat", "--password", "correct horse battery", "--register", "--files").code())
                    .isZero();
            Run ann = cli(room, "--user", "ann", "--password", "correct horse battery", "--register",
                    "--send-file", note.toString(), "--to", "bob");
            assertThat(ann.out()).contains("Sent note.txt as message", "text/plain");
            String messageId = ann.out().replaceAll("(?s).*as message (\\d+).*", "$1");

            Run bob = cli(room, "--user", "bob", "--password", "correct horse battery", "--files", "--to", "ann",
                    "--download", messageId, "--save-to", dir.resolve("from-ann.txt").toString());
            Run cat = cli(room, "--user", "cat", "--password", "correct horse battery", "--download", messageId,
                    "--save-to", dir.resolve("stolen.txt").toString());

            assertThat(bob.code()).as(bob.out()).isZero();
            assertThat(dir.resolve("from-ann.txt")).hasContent("meet at eight");
            assertThat(cat.code()).isEqualTo(1);
            assertThat(cat.out()).contains("There is no message " + messageId);
            assertThat(dir.resolve("stolen.txt")).doesNotExist();
        }
    }
}
