package dev.parley.client.cli.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parley admin --connect}: against one real room (TLS, its certificate pinned), the admin ann
 * does each operation over the protocol; the member dan is told "not allowed"; a room showing another
 * certificate than the one given or pinned is refused before any password is sent.
 */
@Timeout(120)
class OnlineAdminTest {
    @TempDir
    static Path dir;
    static TestRoom room;
    static String fingerprint;
    static Path passwordFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void room() throws Exception {
        room = TestRoom.start(dir.resolve("room"));
        fingerprint = room.server().fingerprint().orElseThrow().toString();
        for (String name : List.of("ann", "bob", "cal", "dan", "eve")) { // ann first: the room's admin
            Clients.registered(room.port(), name).close();
        }
        passwordFile = Files.writeString(dir.resolve("password"), Clients.PASSWORD + "\n");
    }

    @AfterAll
    static void stop() {
        room.close();
    }

    private static Run admin(String user, String... command) {
        List<String> args = new ArrayList<>(List.of("--connect", "127.0.0.1:" + room.port(), "--user", user,
                "--password-file", passwordFile.toString(), "--fingerprint", fingerprint,
                "--known-servers", dir.resolve(user + "-known.json").toString()));
        args.addAll(List.of(command));
        return run(args.toArray(String[]::new));
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OnlineAdmin.commandLine();
        OnlineAdmin main = (OnlineAdmin) cli.getCommand();
        main.console = null;
        main.stdin = new java.io.BufferedReader(new java.io.StringReader(""));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }

    private static Throwable loginFailure(String user) throws Exception {
        try (ControlClient client = Clients.client(room.port())) {
            client.connect(new Credentials.Login(user, Clients.PASSWORD)).get(15, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void anAdminListsAndChangesRolesAndReadsChannelsAndTheAuditLog() {
        Run users = admin("ann", "users");
        assertThat(users.exit()).as(users.err()).isZero();
        assertThat(users.out()).containsPattern("ann\\s+admin").containsPattern("bob\\s+member");

        Run promote = admin("ann", "set-role", "bob", "moderator");
        assertThat(promote.exit()).as(promote.err()).isZero();
        assertThat(promote.out()).contains("bob is now moderator (was member)");
        assertThat(admin("ann", "users").out()).containsPattern("bob\\s+moderator");

        assertThat(admin("ann", "channels").out()).contains("Lobby (id 1)");
        Run audit = admin("ann", "audit");
        assertThat(audit.out()).containsPattern("ann\\s+role\\S*\\s+bob");
        assertThat(admin("ann", "fingerprint").out().strip()).isEqualTo(fingerprint);
    }

    @Test
    void anAdminBansUnbansAndDeletesAccounts() throws Exception {
        Run ban = admin("ann", "ban", "cal", "--reason", "spam", "--days", "2");
        assertThat(ban.exit()).as(ban.err()).isZero();
        assertThat(loginFailure("cal")).isNotNull().hasMessageContaining("banned");
        assertThat(admin("ann", "bans").out()).contains("cal").contains("reason: spam");

        Run unban = admin("ann", "unban", "cal");
        assertThat(unban.out()).contains("Lifted 1 ban on cal");
        assertThat(loginFailure("cal")).isNull();

        Run notYet = admin("ann", "delete-account", "eve");
        assertThat(notYet.exit()).isEqualTo(1);
        assertThat(notYet.out()).contains("--yes");
        Run delete = admin("ann", "delete-account", "eve", "--yes");
        assertThat(delete.exit()).as(delete.err()).isZero();
        assertThat(admin("ann", "users").out()).doesNotContain("eve");
        assertThat(loginFailure("eve")).isNotNull();

        Run reset = admin("ann", "reset-password", "dan");
        assertThat(reset.exit()).isEqualTo(1);
        assertThat(reset.err()).contains("cannot be reset over the network").contains("parley admin --data DIR reset-password dan");
    }

    @Test
    void aMemberIsNotAllowedAndAWrongPasswordIsRefused() throws Exception {
        Run role = admin("dan", "set-role", "dan", "admin");
        assertThat(role.exit()).isEqualTo(1);
        assertThat(role.err()).contains("not allowed");
        Run audit = admin("dan", "audit");
        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.err()).contains("not allowed");

        Path wrongPassword = Files.writeString(dir.resolve("wrong-password"), "not the password\n");
        Run wrong = run("--connect", "127.0.0.1:" + room.port(), "--user", "ann", "--password-file", wrongPassword.toString(),
                "--fingerprint", fingerprint, "users");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).startsWith("parley admin: ").doesNotContain("not allowed");
        assertThat(wrong.out()).isEmpty();

        Run unknown = admin("ann", "set-role", "nobody", "admin");
        assertThat(unknown.err()).contains("There is no account 'nobody'");
    }

    @Test
    void aRoomShowingAnotherCertificateIsRefused() throws Exception {
        String other = "AA:" + fingerprint.substring(3);
        if (other.equals(fingerprint)) {
            other = "BB:" + fingerprint.substring(3);
        }
        Run wrong = run("--connect", "127.0.0.1:" + room.port(), "--user", "ann", "--password-file", passwordFile.toString(),
                "--fingerprint", other, "--known-servers", dir.resolve("wrong-known.json").toString(), "users");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("is not trusted");
        assertThat(wrong.out()).doesNotContain("ann");

        // trusted on first use, then pinned: the next run needs no flag
        Path known = dir.resolve("tofu-known.json");
        Run first = run("--connect", "127.0.0.1:" + room.port(), "--user", "ann", "--password-file", passwordFile.toString(),
                "--trust-on-first-use", "--known-servers", known.toString(), "fingerprint");
        assertThat(first.exit()).as(first.err()).isZero();
        Run again = run("--connect", "127.0.0.1:" + room.port(), "--user", "ann", "--password-file", passwordFile.toString(),
                "--known-servers", known.toString(), "fingerprint");
        assertThat(again.out().strip()).isEqualTo(fingerprint);

        Run noFingerprint = run("--connect", "127.0.0.1:" + room.port(), "--user", "ann", "--password-file", passwordFile.toString(),
                "--known-servers", dir.resolve("fresh-known.json").toString(), "users");
        assertThat(noFingerprint.exit()).isEqualTo(1);
        assertThat(noFingerprint.err()).contains("is not trusted");
    }
}
