package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.message.Session;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --unread}: the sign-in unread counts, written as the app's badges write them ("1000+" when capped). */
@Timeout(120)
class UnreadCliTest {
    @TempDir
    Path dir;

    @Test
    void printsTheRoomsUnreadCountsPerConversation() throws Exception {
        try (TestRoom room = TestRoom.start(dir.resolve("room"))) {
            long bobId;
            try (ControlClient bob = Clients.client(room.port())) {
                bobId = Clients.signIn(bob, new Credentials.Register("bob", Clients.PASSWORD, null)).self().id();
            }
            try (ControlClient ann = Clients.client(room.port())) {
                Clients.signIn(ann, new Credentials.Register("ann", Clients.PASSWORD, null));
                Clients.await(ann.sendMessage(Conversation.channel(1), "one", null).delivered());
                Clients.await(ann.sendMessage(Conversation.channel(1), "two", null).delivered());
                Clients.await(ann.sendMessage(Conversation.direct(bobId), "psst", null).delivered());

                StringWriter out = new StringWriter();
                CommandLine command = new CommandLine(new HeadlessClient());
                command.setOut(new PrintWriter(out, true));
                command.setErr(new PrintWriter(out, true));
                int exit = command.execute("--port", String.valueOf(room.port()), "--trust",
                        room.server().fingerprint().orElseThrow().toString(), "--user", "bob", "--password", Clients.PASSWORD,
                        "--known-servers", dir.resolve("bob-known.json").toString(), "--unread", "--seconds", "0");

                assertThat(exit).as(out.toString()).isZero();
                // newest first: the DM came last
                assertThat(out.toString()).containsSubsequence("Unread in @ann: 1", "Unread in #Lobby: 2");
            }
        }
    }

    @Test
    void aCappedCountPrintsAsTheAppsBadge() {
        // an auth.ok as a room sends it for a conversation with more than 1,000 unread messages
        String frame = "{\"type\":\"auth.ok\",\"id\":\"2\",\"ts\":1,\"payload\":{\"token\":\"t\",\"expiresAt\":2,"
                + "\"self\":{\"id\":2,\"name\":\"bob\",\"role\":\"member\"},\"channelId\":1,"
                + "\"channels\":[{\"id\":1,\"name\":\"Lobby\",\"description\":\"\",\"position\":0,\"passwordProtected\":false}],"
                + "\"users\":[],\"unread\":[{\"channelId\":1,\"count\":1000,\"lastReadId\":0,\"capped\":true},"
                + "{\"userId\":7,\"count\":3,\"lastReadId\":0}],\"lastMessageId\":1000000,\"moreChannels\":false,"
                + "\"moreUsers\":false,\"counts\":{\"channels\":1,\"online\":1,\"accounts\":3}}}";
        Session.AuthOk auth = (Session.AuthOk) ((Decoded.Valid) new ControlCodec().decode(frame)).envelope().payload();
        StringWriter out = new StringWriter();

        new UnreadList(new PrintWriter(out, true)).print(auth);

        assertThat(out.toString().lines().toList()).isEqualTo(List.of("Unread in #Lobby: 1000+", "Unread in @user 7: 3"));
    }
}
