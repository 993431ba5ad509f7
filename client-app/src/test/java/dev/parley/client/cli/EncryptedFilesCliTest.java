package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.FileInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --send-file}, {@code --files} and {@code --download} in an end-to-end encrypted channel, with {@code --passphrase}. */
@Timeout(90)
class EncryptedFilesCliTest {
    private static final String PHRASE = "the treasure is buried under the third oak\n";

    @TempDir
    Path dir;

    @Test
    void aFileSentWithThePassphraseIsStoredSealedAndSavedAsTheOriginalByAnotherMemberWithIt() throws Exception {
        byte[] original = PHRASE.repeat(4_000).getBytes(StandardCharsets.UTF_8); // two and a bit segments
        Path file = Files.write(dir.resolve("treasure-map.txt"), original);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin")) {
            long vault = await(admin.request(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class))
                    .channel().id();
            await(admin.requestOk(new Channels.Rekey(vault)));

            Run ann = cli(room, "--user", "ann", "--password", "correct horse battery", "--register", "--channel", "Vault",
                    "--passphrase", "swordfish swordfish", "--send-file", file.toString(), "--caption", "dig here");
            assertThat(ann.code()).as(ann.out()).isZero();
            assertThat(ann.out()).contains("Sent treasure-map.txt as message", "end-to-end encrypted");

            FileInfo stored = await(admin.request(new Chat.History(vault, null, null, 10), Chat.Page.class)).messages()
                    .get(0).file();
            assertThat(stored.name()).startsWith("e2e1.1.").doesNotContain("treasure");
            assertThat(stored.mediaType()).isEqualTo("application/octet-stream");
            String messageId = ann.out().replaceAll("(?s).*as message (\\d+).*", "$1");

            Run bob = cli(room, "--user", "bob", "--password", "correct horse battery", "--register", "--channel", "Vault",
                    "--passphrase", "swordfish swordfish", "--files", "--download", messageId, "--save-to",
                    downloads.toString());

            assertThat(bob.code()).as(bob.out()).isZero();
            assertThat(bob.out()).contains("message " + messageId + " from ann: treasure-map.txt (");
            assertThat(downloads.resolve("treasure-map.txt")).hasBinaryContent(original);
            assertThat(listing(downloads)).containsExactly("treasure-map.txt");

            // An export on the client saves the file opened, under its opened name; without the key, it saves none.
            Path export = dir.resolve("vault.html");
            Run exported = cli(room, "--user", "bob", "--password", "correct horse battery", "--channel", "Vault",
                    "--passphrase", "swordfish swordfish", "--export", export.toString());
            assertThat(exported.code()).as(exported.out()).isZero();
            assertThat(dir.resolve("vault_files").resolve(listing(dir.resolve("vault_files")).get(0)))
                    .hasBinaryContent(original);
            assertThat(listing(dir.resolve("vault_files")).get(0)).contains("treasure-map");
            assertThat(Files.readString(export)).contains("treasure-map").contains("dig here").doesNotContain("e2e1.");
            Path locked = dir.resolve("locked.html");
            Run lockedOut = cli(room, "--user", "bob", "--password", "correct horse battery", "--channel", "Vault",
                    "--export", locked.toString());
            assertThat(lockedOut.out()).contains("end-to-end encrypted and this client has no key for it");
            assertThat(listing(dir.resolve("locked_files"))).as("no ciphertext saved as if it were the file").isEmpty();
        }
    }

    @Test
    void aWrongPassphraseSavesNothingAndSaysWhy() throws Exception {
        Path file = Files.writeString(dir.resolve("plans.txt"), PHRASE);
        Path downloads = Files.createDirectories(dir.resolve("downloads"));
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin")) {
            long vault = await(admin.request(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class))
                    .channel().id();
            await(admin.requestOk(new Channels.Rekey(vault)));
            Run ann = cli(room, "--user", "ann", "--password", "correct horse battery", "--register", "--channel", "Vault",
                    "--passphrase", "swordfish swordfish", "--send-file", file.toString());
            assertThat(ann.code()).as(ann.out()).isZero();
            String messageId = ann.out().replaceAll("(?s).*as message (\\d+).*", "$1");

            Run eve = cli(room, "--user", "eve", "--password", "correct horse battery", "--register", "--channel", "Vault",
                    "--passphrase", "not the passphrase", "--files", "--download", messageId, "--save-to",
                    downloads.resolve("plans.txt").toString());
            Run noKey = cli(room, "--user", "ann", "--password", "correct horse battery", "--channel", "Vault",
                    "--send-file", file.toString());

            assertThat(eve.code()).as(eve.out()).isEqualTo(1);
            assertThat(eve.out()).contains("does not open with the key held")
                    .contains("does not open with this key");
            assertThat(listing(downloads)).as("nothing, not even a scratch file").isEmpty();
            assertThat(noKey.code()).as(noKey.out()).isEqualTo(1);
            assertThat(noKey.out()).contains("give its --passphrase");
        }
    }

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
        return new Run(command.execute(all.toArray(String[]::new)), out.toString());
    }

    private static List<String> listing(Path folder) throws java.io.IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
