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
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI in a shared-key encrypted channel: a member hands the key to named accounts over their identity
 * keys, members read without any passphrase, whoever is left out (or removed later) cannot, and both sides
 * of a pair print the same safety number.
 */
@Timeout(120)
class SharedKeyCliTest {
    private static final String SECRET = "the eagle lands at midnight";
    private static final String LATER = "the owl flies at dawn";
    private static final Pattern SAFETY = Pattern.compile("Safety number with \\w+: ([0-9 ]{35}) \\((\\w+)\\)");

    @TempDir
    Path dir;

    private String port;

    @Test
    void membersGivenTheKeyReadWithoutAPassphraseAndWhoeverIsLeftOutCannot() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"));
             ControlClient admin = Clients.registered(room.port(), "admin");
             ControlClient dave = Clients.registered(room.port(), "dave")) {
            long vault = await(admin.request(new Channels.Create(null, "Vault", null, null, null), Channels.Created.class))
                    .channel().id();
            port = String.valueOf(room.port());
            assertThat(cli("bob", "--register", "--publish-identity").exit).isZero();
            assertThat(cli("carol", "--register", "--publish-identity").exit).isZero();

            Run refused = cli("admin", "--channel", "Vault", "--encrypt-for", "bob,dave");
            assertThat(refused.exit).as(refused.out).isNotZero();
            assertThat(refused.out).contains("dave cannot be given the key yet: they have no identity key");

            Run shared = cli("admin", "--channel", "Vault", "--encrypt-for", "bob", "--say", SECRET);
            assertThat(shared.exit).as(shared.out).isZero();
            assertThat(shared.out).contains("Channel Vault has a new key (epoch 1), shared with bob; verification code")
                    .contains("Channel Vault is end-to-end encrypted (key epoch 1)");
            // The admin's own sign-in above replaced this test's admin connection: read as someone else.
            Chat.Page stored;
            try (ControlClient observer = Clients.registered(room.port(), "observer")) {
                stored = await(observer.request(new Chat.History(vault, null, null, 10), Chat.Page.class));
            }
            assertThat(stored.messages()).singleElement().satisfies(m -> assertThat(m.text()).startsWith("e2e1.1.")
                    .doesNotContain("eagle"));

            Run bobSearches = cli("bob", "--channel", "Vault", "--search", "eagle", "--safety-number", "admin");
            assertThat(bobSearches.exit).as(bobSearches.out).isZero();
            assertThat(bobSearches.out).contains("1 result for \"eagle\" (searched on this client").contains("admin: " + SECRET);
            Run adminChecks = cli("admin", "--safety-number", "bob");
            assertThat(safetyNumber(adminChecks.out)).isEqualTo(safetyNumber(bobSearches.out));
            assertThat(adminChecks.out).contains("(unverified)");

            Path carolsExport = dir.resolve("carol-1.json");
            assertThat(cli("carol", "--channel", "Vault", "--export", carolsExport.toString()).exit).isZero();
            assertThat(Files.readString(carolsExport)).doesNotContain("eagle").contains(SealedMessages.LOCKED);

            // bob stays in the channel's voice while the admin rotates him out: his client learns it mid-run.
            StringWriter bobListening = new StringWriter();
            java.util.concurrent.CompletableFuture<Integer> bobRun = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> cli(bobListening, "bob", "--channel", "Vault", "--seconds", "8").exit);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> bobListening.toString().contains("Signed in as bob"));
            assertThat(bobListening.toString()).contains("Channel Vault is end-to-end encrypted (key epoch 1)");
            Run rotated = cli("admin", "--channel", "Vault", "--encrypt-for", "carol", "--say", LATER);
            assertThat(rotated.exit).as(rotated.out).isZero();
            assertThat(rotated.out).contains("has a new key (epoch 2), shared with carol");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> bobListening.toString()
                    .contains("Channel Vault has a new key (epoch 2) this account was not given; this client now sends"));
            assertThat(bobRun.get(30, java.util.concurrent.TimeUnit.SECONDS)).as(bobListening.toString()).isZero();

            Path bobsExport = dir.resolve("bob.json");
            assertThat(cli("bob", "--channel", "Vault", "--export", bobsExport.toString()).exit).isZero();
            assertThat(Files.readString(bobsExport)).as("bob was removed: he keeps epoch 1 and never gets epoch 2")
                    .contains(SECRET).doesNotContain("owl").contains(SealedMessages.UNREADABLE);
            Path carolsSecond = dir.resolve("carol-2.json");
            assertThat(cli("carol", "--channel", "Vault", "--export", carolsSecond.toString()).exit).isZero();
            assertThat(Files.readString(carolsSecond)).as("carol joined at epoch 2").contains(LATER).doesNotContain("eagle");
        }
    }

    private record Run(int exit, String out) {
    }

    private Run cli(String user, String... more) {
        return cli(new StringWriter(), user, more);
    }

    /** Runs the CLI as {@code user}, writing to {@code out} as it goes (a run with voice lasts 0.5 s unless told). */
    private Run cli(StringWriter out, String user, String... more) {
        List<String> args = new ArrayList<>(List.of("--port", port, "--trust-on-first-use", "--known-servers",
                dir.resolve(user + "-servers.json").toString(), "--identities", dir.resolve(user + "-ids").toString(),
                "--user", user, "--password", Clients.PASSWORD));
        if (!List.of(more).contains("--seconds")) {
            args.addAll(List.of("--seconds", "0.5"));
        }
        args.addAll(List.of(more));
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return new Run(command.execute(args.toArray(String[]::new)), out.toString());
    }

    private static String safetyNumber(String output) {
        Matcher matcher = SAFETY.matcher(output);
        assertThat(matcher.find()).as(output).isTrue();
        return matcher.group(1);
    }
}
