package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Notification settings from the terminal, against one real room: set, mute, print; bad input is a clear error. */
@Timeout(120)
class NotifyCliTest {
    @TempDir
    static Path dir;
    static TestRoom room;

    record Run(int exit, String out) {
    }

    @BeforeAll
    static void room() throws Exception {
        room = TestRoom.start(dir.resolve("room"));
        try (var ann = Clients.registered(room.port(), "ann")) {
            Clients.await(ann.request(new Channels.Create(null, "general", null, null, null), Channels.Created.class));
        }
        Clients.registered(room.port(), "bob").close();
    }

    @AfterAll
    static void stop() {
        room.close();
    }

    @Test
    void levelsAndMutesAreSetAndPrinted() {
        Run set = bob("--notify", "#general=nothing", "--notify", "@ann=mentions", "--mute", "#general=1h",
                "--mute", "room=forever", "--notify-settings");
        assertThat(set.exit()).as(set.out()).isZero();
        assertThat(set.out()).contains("Notifications for #general: nothing.")
                .contains("Notifications for @ann: only @mentions.")
                .contains("#general is muted until ")
                .containsPattern("the room \\(channels' default\\)\\s+default\\s+muted until you unmute")
                .containsPattern("#general\\s+nothing\\s+muted until 20")
                .containsPattern("@ann\\s+mentions");

        Run unmuted = bob("--mute", "#general=off", "--notify", "room=default", "--mute", "room=off", "--notify-settings");
        assertThat(unmuted.exit()).as(unmuted.out()).isZero();
        assertThat(unmuted.out()).contains("#general is not muted.").containsPattern("#general\\s+nothing\\s*\\n")
                .doesNotContain("channels' default)  ");
    }

    @Test
    void badTargetsAndValuesAreClearErrors() {
        assertThat(bob("--notify", "#nowhere=all").out()).contains("There is no channel 'nowhere'");
        assertThat(bob("--notify", "#general=loud").out()).contains("unknown level 'loud'");
        assertThat(bob("--mute", "#general=soon").out()).contains("'soon' is not a duration");
        assertThat(bob("--notify", "general").out()).contains("TARGET=VALUE");
        Run self = bob("--notify", "@bob=all");
        assertThat(self.exit()).isEqualTo(1);
        assertThat(self.out()).contains("yourself");
    }

    /** Bob's headless client, leaving at once after its actions (stdout and stderr together). */
    private static Run bob(String... args) {
        List<String> all = new ArrayList<>(List.of("--port", String.valueOf(room.port()), "--trust",
                room.server().fingerprint().orElseThrow().toString(), "--user", "bob", "--password", Clients.PASSWORD,
                "--known-servers", dir.resolve("bob-known.json").toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--seconds", "0"));
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new HeadlessClient());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(out, true));
        return new Run(command.execute(all.toArray(String[]::new)), out.toString());
    }
}
