package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.server.support.ConsoleCapture;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames a client written from PROTOCOL.md alone found the server acting on (issue 11, items 10
 * and 11): duplicate keys, coerced JSON types, and request ids it could not echo.
 */
@Timeout(90)
class HostileFramesTest {
    @TempDir
    Path data;

    @Test
    void requestIdsWithControlCharactersGetAnIdlessErrorAndNoStackTraceInTheLog() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             ConsoleCapture console = ConsoleCapture.start()) {
            for (int i = 0; i < 40; i++) {
                ann.client().sendRaw("{\"type\":\"ping\",\"id\":\"x" + i + "\\u0001\\u001b[2J\"}");
            }
            for (int i = 0; i < 40; i++) {
                Envelope error = ann.client().awaitIdlessError();
                assertThat(((ErrorReply) error.payload()).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                assertThat(((ErrorReply) error.payload()).message()).contains("id must be");
            }
            assertThat(ann.client().call(new Session.Ping())).isInstanceOf(Session.Pong.class);

            String log = console.text();
            assertThat(log).doesNotContain("\tat ").doesNotContain("Exception");
            long lines = Arrays.stream(log.split("\n")).filter(line -> line.contains("malformed frame")).count();
            assertThat(lines).as("log lines for 40 bad frames:%n%s", log).isBetween(1L, 2L);
        }
    }

    @Test
    void aDuplicateTypeKeyDoesNotRunTheSecondType() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn admin = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            admin.client().sendRaw("{\"type\":\"ping\",\"type\":\"user.kick\",\"id\":\"k1\",\"payload\":{\"userId\":"
                    + bob.id() + "}}");

            Envelope error = admin.client().awaitIdlessError();
            assertThat(((ErrorReply) error.payload()).code()).isEqualTo(ErrorCode.BAD_JSON);
            assertThat(((ErrorReply) error.payload()).message()).isEqualTo("duplicate field 'type'");
            // Bob is still there: a round trip of his own proves the kick never ran.
            assertThat(bob.client().call(new Session.Ping())).isInstanceOf(Session.Pong.class);
            assertThat(bob.client().events(Session.Closing.class)).isEmpty();
        }
    }

    @Test
    void aFractionalChannelIdIsRefusedNotTruncated() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            long games = ann.client().expect(new Channels.Create(null, "Games", null, null, null),
                    Channels.Created.class).channel().id();

            ann.client().sendRaw("{\"type\":\"channel.join\",\"id\":\"j1\",\"payload\":{\"channelId\":" + games + ".5}}");

            ErrorReply error = (ErrorReply) ann.client().awaitReply("j1");
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(error.message()).startsWith("channelId:");
            assertThat(ann.client().call(new Session.Ping())).isInstanceOf(Session.Pong.class);
            assertThat(ann.client().events(Users.Moved.class)).noneMatch(moved -> moved.toChannelId() == games);
        }
    }

    @Test
    void aNumberWhereTextBelongsIsRefusedAndNothingIsStored() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            ann.client().sendRaw("{\"type\":\"chat.send\",\"id\":\"s1\",\"payload\":{\"channelId\":1,\"text\":123,\"nonce\":\"n1\"}}");

            ErrorReply error = (ErrorReply) ann.client().awaitReply("s1");
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(error.message()).startsWith("text:");
            Chat.Page page = ann.client().expect(new Chat.History(1L, null, null, null), Chat.Page.class);
            assertThat(page.messages()).isEmpty();
        }
    }

    @Test
    void theProtocolVersionAsAStringIsRefused() throws Exception {
        try (ParleyServer server = Rooms.start(data);
             var client = dev.parley.server.support.TestClient.connect(server.port())) {
            client.sendRaw("{\"type\":\"hello\",\"id\":\"h1\",\"payload\":{\"protocol\":\"1\"}}");

            ErrorReply error = (ErrorReply) client.awaitReply("h1");
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(error.message()).startsWith("protocol:");
        }
    }
}
