package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.admin.OnlineAdmin;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Invites and friends from the terminal, against one real room: the admin makes an invite with
 * {@code parley admin --connect ... invite-create}, a newcomer joins headless with the printed
 * {@code parley://} link (trusting the room and registering in one step) and asks the admin to be
 * friends; the admin accepts and lists friends.
 */
@Timeout(120)
class InviteAndFriendsCliTest {
    private static final Pattern LINK = Pattern.compile("parley://\\S+");
    @TempDir
    static Path dir;
    static TestRoom room;
    static Path passwordFile;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void room() throws Exception {
        room = TestRoom.start(dir.resolve("room"));
        Clients.registered(room.port(), "ann").close(); // the room's admin
        passwordFile = Files.writeString(dir.resolve("password"), Clients.PASSWORD + "\n");
    }

    @AfterAll
    static void stop() {
        room.close();
    }

    @Test
    void aNewcomerJoinsWithAnInviteLinkAndBefriendsTheAdmin() {
        Run created = admin("invite-create", "--uses", "1", "--expires-minutes", "60");
        assertThat(created.exit()).as(created.err()).isZero();
        assertThat(created.out()).contains("1 use, member, expires");
        String link = link(created.out());
        assertThat(link).contains("?fp=").contains("&invite=");

        // A fresh known-servers file: the link's fingerprint alone makes the room trusted.
        Run zed = headless("--link", link, "--user", "zed", "--password", Clients.PASSWORD,
                "--known-servers", dir.resolve("zed-known.json").toString(), "--friend-request", "ann");
        assertThat(zed.exit()).as(zed.out()).isZero();
        assertThat(zed.out()).contains("Signed in as zed").contains("Friend request sent to ann.");

        Run again = headless("--link", link, "--user", "yan", "--password", Clients.PASSWORD,
                "--known-servers", dir.resolve("yan-known.json").toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.out()).contains("used up");

        Run ann = headless("--port", String.valueOf(room.port()), "--trust",
                room.server().fingerprint().orElseThrow().toString(), "--user", "ann", "--password", Clients.PASSWORD,
                "--known-servers", dir.resolve("ann-known.json").toString(), "--friend-accept", "zed", "--friends");
        assertThat(ann.exit()).as(ann.out()).isZero();
        assertThat(ann.out()).contains("You and zed are friends now.").containsPattern("zed\\s+friend\\s+(online|offline)");
    }

    @Test
    void invitesAreListedAndRevoked() {
        String link = link(admin("invite-create", "--uses", "3", "--role", "moderator").out());
        Run list = admin("invites");
        assertThat(list.out()).containsPattern("moderator\\s+0/3\\s+usable\\s+by ann\\s+" + Pattern.quote(link));
        String id = list.out().lines().filter(line -> line.contains(link)).findFirst().orElseThrow().strip().split("\\s+")[0];

        Run revoked = admin("invite-revoke", id);
        assertThat(revoked.exit()).as(revoked.err()).isZero();
        assertThat(admin("invites").out()).doesNotContain(link);

        Run refused = headless("--link", link, "--user", "xia", "--password", Clients.PASSWORD,
                "--known-servers", dir.resolve("xia-known.json").toString());
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("revoked");
    }

    @Test
    void aDamagedLinkIsAUsageError() {
        Run damaged = headless("--link", "parley://127.0.0.1:" + room.port() + "?invite=%3Cx%3E", "--user", "wu",
                "--password", Clients.PASSWORD, "--known-servers", dir.resolve("wu-known.json").toString());
        assertThat(damaged.exit()).isEqualTo(2);
        assertThat(damaged.out()).contains("invite code");
    }

    private static String link(String out) {
        Matcher matcher = LINK.matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group();
    }

    private static Run admin(String... command) {
        List<String> args = new ArrayList<>(List.of("--connect", "127.0.0.1:" + room.port(), "--user", "ann",
                "--password-file", passwordFile.toString(), "--fingerprint",
                room.server().fingerprint().orElseThrow().toString()));
        args.addAll(List.of(command));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OnlineAdmin.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    /** The headless client, leaving at once after its actions (stdout and stderr together). */
    private static Run headless(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--seconds", "0"));
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return new Run(command.execute(all.toArray(String[]::new)), out.toString(), "");
    }
}
