package dev.parley.client.cli;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.e2e.SealedMessages;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI in an end-to-end encrypted channel: it seals what it says, and searches and exports on the client. */
@Timeout(90)
class EncryptedChannelCliTest {
    private static final String SECRET = "the eagle lands at midnight";

    @TempDir
    Path dir;

    @Test
    void withThePassphraseTheCliSealsWhatItSaysAndReadsItBackInSearchAndExport() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin")) {
            long vault = await(admin.request(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class))
                    .channel().id();
            await(admin.requestOk(new Channels.Rekey(vault)));
            String port = String.valueOf(room.port());

            StringWriter aliceOut = new StringWriter();
            assertThat(run(aliceOut, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("alice.json").toString(), "--guest", "alice", "--channel", "Vault",
                    "--passphrase", "swordfish swordfish", "--say", SECRET, "--seconds", "1")).as(aliceOut.toString()).isZero();
            assertThat(aliceOut.toString()).contains("Channel Vault is end-to-end encrypted (key epoch 1); verification code");

            Chat.Page stored = await(admin.request(new Chat.History(vault, null, null, 10), Chat.Page.class));
            assertThat(stored.messages()).hasSize(1);
            assertThat(stored.messages().get(0).text()).startsWith("e2e1.1.").doesNotContain("eagle");

            StringWriter found = new StringWriter();
            assertThat(run(found, "--port", port, "--trust-on-first-use", "--known-servers", dir.resolve("bob.json").toString(),
                    "--guest", "bob", "--channel", "Vault", "--passphrase", "swordfish swordfish", "--search", "EAGLE midnight"))
                    .as(found.toString()).isZero();
            assertThat(found.toString()).contains("1 result for \"EAGLE midnight\" (searched on this client")
                    .contains("alice: " + SECRET);

            StringWriter withoutKey = new StringWriter();
            assertThat(run(withoutKey, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("bob.json").toString(), "--guest", "dave", "--channel", "Vault", "--search", "eagle"))
                    .as(withoutKey.toString()).isZero();
            assertThat(withoutKey.toString()).contains("end-to-end encrypted and this client holds none of its keys: give its --passphrase")
                    .doesNotContain("result");

            Path export = dir.resolve("vault.json");
            StringWriter exported = new StringWriter();
            assertThat(run(exported, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("bob.json").toString(), "--guest", "bob2", "--channel", "Vault", "--passphrase",
                    "swordfish swordfish", "--export", export.toString())).as(exported.toString()).isZero();
            assertThat(Files.readString(export)).contains(SECRET);

            Path locked = dir.resolve("locked.json");
            StringWriter lockedOut = new StringWriter();
            assertThat(run(lockedOut, "--port", port, "--trust-on-first-use", "--known-servers",
                    dir.resolve("bob.json").toString(), "--guest", "carol", "--channel", "Vault", "--export",
                    locked.toString())).as(lockedOut.toString()).isZero();
            assertThat(Files.readString(locked)).doesNotContain("eagle").contains(SealedMessages.LOCKED);
        }
    }

    private static int run(StringWriter out, String... args) {
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return command.execute(args);
    }
}
