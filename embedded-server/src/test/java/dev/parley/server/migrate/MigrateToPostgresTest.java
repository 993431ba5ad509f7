package dev.parley.server.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import dev.parley.server.ParleyServer;
import dev.parley.server.db.PostgresMarker;
import dev.parley.server.db.PostgresTarget;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import dev.parley.server.support.TestPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code parley server migrate}: a room used on H2 (accounts, channels, chat, reactions, DMs, read
 * markers, a ban, the audit log) moves to a real PostgreSQL (the suite's embedded one) and runs there:
 * the old password signs in, history and reactions are there, the ban holds, and new rows get new ids.
 * Runs on the H2 run of the suite only (it always needs both databases).
 */
@Timeout(120)
class MigrateToPostgresTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;

    record Run(int exit, String out, String err) {
    }

    private static Run migrate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = MigrateCommand.commandLine();
        ((MigrateCommand) cli.getCommand()).environment = Map.of();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** The URL as an operator types it (the test server trusts loopback, so no password). */
    private static String url(PostgresTarget target) {
        return target.jdbcUrl() + "?user=" + target.user();
    }

    private static ParleyServer startOnH2(Path dir) {
        return ParleyServer.start(Rooms.config(dir).database(null).build());
    }

    private static ChatMessage say(SignedIn who, Long channel, Long toUser, String text, Long replyTo) throws InterruptedException {
        return who.client().expect(new Chat.Send(channel, toUser, text, "n-" + System.nanoTime(), replyTo), Chat.Sent.class).message();
    }

    @Test
    void aRoomUsedOnH2RunsOnPostgresqlWithNothingLost() throws Exception {
        long lastOldId;
        long games;
        long bobId;
        String fingerprint;
        try (ParleyServer server = startOnH2(data); SignedIn ann = Rooms.register(server, "ann");
                SignedIn bob = Rooms.register(server, "bob"); SignedIn cal = Rooms.register(server, "cal")) {
            fingerprint = server.fingerprint().orElseThrow().toString();
            bobId = bob.id();
            games = ann.client().expect(new Channels.Create(null, "Games", "", null, null), Channels.Created.class).channel().id();
            long chess = ann.client().expect(new Channels.Create(null, "Chess", "", null, null), Channels.Created.class).channel().id();
            // an older channel moved under a newer one: the copy must still insert parents first
            ann.client().expect(new Channels.Update(games, null, null, chess, null), Ok.class);
            ChatMessage hello = say(ann, LOBBY, null, "hello lobby", null);
            say(bob, LOBBY, null, "hi ann", hello.id());
            bob.client().expect(new Chat.React(hello.id(), "👍", true), Ok.class);
            say(ann, null, bob.id(), "a secret for bob", null);
            bob.client().expect(new Chat.MarkRead(LOBBY, null, hello.id()), Ok.class);
            lastOldId = say(cal, LOBBY, null, "spam spam", null).id();
            ann.client().expect(new Chat.Delete(lastOldId), Ok.class);
            ann.client().expect(new Moderation.Ban(cal.id(), "spamming", null, false), Ok.class);
            try (SignedIn dan = Rooms.register(server, "dan")) {
                // dan's DM is the newest message; deleting dan deletes it, so H2's identity stands past the highest id left
                lastOldId = say(dan, null, ann.id(), "bye ann", null).id();
                ann.client().expect(new Moderation.DeleteUser(dan.id(), "asked to leave"), Ok.class);
            }
        }

        PostgresTarget target = TestPostgres.freshDatabase();
        Run run = migrate("--from", data.toString(), "--to", url(target));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("copied accounts", "copied messages", "copied message_reactions", "copied bans",
                        "copied audit_log", "copied read_markers", "copied server_settings")
                .doesNotContain("DIFFERENT").contains("Next: start the room with");
        assertThat(run.out().lines().filter(l -> l.endsWith("  same")).count()).isGreaterThanOrEqualTo(10);
        assertThat(data.resolve(PostgresMarker.FILE)).exists();

        try (ParleyServer server = ParleyServer.start(Rooms.config(data).database(target).build())) {
            assertThat(server.fingerprint().orElseThrow().toString()).isEqualTo(fingerprint);
            try (SignedIn ann = Rooms.login(server, "ann"); SignedIn bob = Rooms.login(server, "bob")) {
                Chat.Page lobby = ann.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
                assertThat(lobby.messages()).extracting(ChatMessage::text).containsExactly("hello lobby", "hi ann", ""); // a deleted message comes back blank
                ChatMessage hello = lobby.messages().get(0);
                assertThat(lobby.messages().get(1).replyTo()).isEqualTo(hello.id());
                assertThat(lobby.messages().get(2).deleted()).isTrue();
                assertThat(hello.reactions()).extracting(ReactionCount::emoji).containsExactly("👍");
                Chat.Page dms = bob.client().expect(new Chat.History(null, ann.id(), null, null), Chat.Page.class);
                assertThat(dms.messages()).extracting(ChatMessage::text).containsExactly("a secret for bob");

                ChatMessage fresh = say(ann, LOBBY, null, "hello from postgresql", null);
                assertThat(fresh.id()).isGreaterThan(lastOldId);
                bob.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == fresh.id());
                long go = ann.client().expect(new Channels.Create(games, "Go", "", null, null), Channels.Created.class).channel().id();
                assertThat(go).isGreaterThan(games + 1);
            }
            try (SignedIn dave = Rooms.register(server, "dave")) {
                assertThat(dave.id()).isGreaterThan(bobId + 2); // past cal's id, and deleted dan's
            }
            TestClient cal = TestClient.hello(server.port());
            cal.expectError(new Session.Login("cal", Rooms.PASSWORD), ErrorCode.BANNED);
            cal.close();
        }
    }

    @Test
    void refusesARunningRoomANonEmptyTargetAndAPasswordInTheUrl() throws Exception {
        PostgresTarget target = TestPostgres.freshDatabase();
        try (ParleyServer server = startOnH2(data)) {
            Rooms.register(server, "ann").close();
            Run running = migrate("--from", data.toString(), "--to", url(target));
            assertThat(running.exit()).isNotZero();
            assertThat(running.err()).contains("is running: stop it first");
        }
        assertThat(migrate("--from", data.toString(), "--to", url(target)).exit()).isZero();

        Path other = data.resolve("other");
        try (ParleyServer server = startOnH2(other)) {
            Rooms.register(server, "zed").close();
        }
        Run full = migrate("--from", other.toString(), "--to", url(target));
        assertThat(full.exit()).isNotZero();
        assertThat(full.err()).contains("already holds a room's data").contains("accounts (1 rows)");
        assertThat(other.resolve(PostgresMarker.FILE)).doesNotExist();

        Run again = migrate("--from", data.toString(), "--to", url(TestPostgres.freshDatabase()));
        assertThat(again.err()).contains("already keeps its data in PostgreSQL");

        Run password = migrate("--from", other.toString(), "--to", "postgresql://parley:secret@127.0.0.1:5432/parley");
        assertThat(password.exit()).isNotZero();
        assertThat(password.err()).contains("must not hold the password").contains("--to-password-file");

        Run noRoom = migrate("--from", data.resolve("nothing").toString(), "--to", url(TestPostgres.freshDatabase()));
        assertThat(noRoom.err()).contains("No room in");
    }
}
