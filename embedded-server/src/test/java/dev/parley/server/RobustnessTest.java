package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.StalledClient;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(90)
class RobustnessTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;

    private void assertStillUsable(TestClient client) throws InterruptedException {
        assertThat(client.call(new Session.Ping())).isInstanceOf(Session.Pong.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{not json", "[]", "null", "{\"payload\":{}}", ""})
    void malformedFramesGetAnErrorAndTheConnectionStaysUp(String frame) throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            ann.client().sendRaw(frame);

            Envelope error = ann.client().awaitIdlessError();
            assertThat(error.payload()).isInstanceOf(ErrorReply.class);
            assertStillUsable(ann.client());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"teleport\",\"id\":\"r1\",\"payload\":{}}, unknown_type",
        "{\"type\":\"chat.send\",\"id\":\"r1\",\"payload\":[1]}, invalid_message",
        "{\"type\":\"channel.join\",\"id\":\"r1\",\"payload\":{\"channelId\":\"x\"}}, invalid_field"})
    void badRequestIsAnsweredWithItsRequestId(String frameAndCode) throws Exception {
        int split = frameAndCode.lastIndexOf(", ");
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            ann.client().sendRaw(frameAndCode.substring(0, split));

            Reply reply = ann.client().awaitReply("r1");
            assertThat(((ErrorReply) reply).code()).isEqualTo(ErrorCode.fromWire(frameAndCode.substring(split + 2)));
            assertStillUsable(ann.client());
        }
    }

    @Test
    void overlongTextIsRefusedWithTheFieldNamed() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            String text = "a".repeat(Limits.MAX_MESSAGE_TEXT + 1);
            ann.client().sendRaw("{\"type\":\"chat.send\",\"id\":\"r2\",\"payload\":{\"channelId\":1,\"nonce\":\"n\",\"text\":\""
                    + text + "\"}}");

            ErrorReply error = (ErrorReply) ann.client().awaitReply("r2");
            assertThat(error.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(error.message()).startsWith("text:");
            assertStillUsable(ann.client());
        }
    }

    @Test
    void oversizedFrameIsRefusedButTheConnectionStaysUsable() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            ann.client().sendRaw("{\"type\":\"chat.send\",\"id\":\"big\",\"payload\":{\"text\":\""
                    + "x".repeat(Limits.MAX_FRAME_BYTES + 10) + "\"}}");

            ErrorReply error = (ErrorReply) ann.client().awaitReply("big");
            assertThat(error.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertStillUsable(ann.client());
        }
    }

    @Test
    void hugeFrameClosesTheAbusiveConnectionOnly() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            ann.client().sendRaw("x".repeat(2 * 1024 * 1024));

            await().until(() -> ann.client().isClosed());
            // 1009 when the close frame gets through; 1006 when the TCP reset overtakes it.
            assertThat(ann.client().closeCode()).isIn(1009, 1006);
            assertStillUsable(bob.client());
        }
    }

    @Test
    void requestsWithoutIdOrOfTheWrongDirectionAreRefused() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            ann.client().sendRaw("{\"type\":\"ping\"}");
            assertThat(((ErrorReply) ann.client().awaitIdlessError().payload()).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);

            ann.client().sendRaw("{\"type\":\"pong\",\"id\":\"r3\",\"payload\":{\"serverTime\":1}}");
            assertThat(((ErrorReply) ann.client().awaitReply("r3")).code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            assertStillUsable(ann.client());
        }
    }

    @Test
    void burstBeyondTheRateLimitGetsRateLimitedErrorsWhileOthersAreUnaffected() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                ids.add(ann.client().send(new Session.Ping()));
            }
            int limited = 0;
            for (String id : ids) {
                if (ann.client().awaitReply(id) instanceof ErrorReply error) {
                    assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    limited++;
                }
            }
            assertThat(limited).isGreaterThan(0);
            assertStillUsable(bob.client());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> ann.client().call(new Session.Ping()) instanceof Session.Pong);
        }
    }

    @Test
    void clientThatKeepsFloodingIsDisconnected() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            try {
                for (int i = 0; i < 1000; i++) {
                    ann.client().send(new Session.Ping());
                }
            } catch (WebsocketNotConnectedException closedMidFlood) {
                // The server hung up while we were still flooding: the behaviour under test.
            }

            await().until(() -> ann.client().isClosed());
            // 4029 when our close frame reaches the flooder; 1006 when its own flood overtakes it.
            assertThat(ann.client().closeCode()).isIn(4029, 1006);
            await().until(() -> server.metrics().toPrometheusText().contains("parley_connections 1\n"));
            assertStillUsable(bob.client());
        }
    }

    @Test
    void stalledReaderIsDroppedWhileTheRoomKeepsItsPace() throws Exception {
        ServerConfig config = Rooms.config(data).outboundLimit(64, 256 * 1024).requestRate(5000, 5000)
                .heartbeat(Duration.ofSeconds(60)).build();
        try (ParleyServer server = ParleyServer.start(config); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            StalledClient stalled = new StalledClient(server.port());
            stalled.signInAsGuest("sleepy");
            long stalledId = bob.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().user().name().equals("sleepy")).user().id();

            String big = "🎉".repeat(Limits.MAX_MESSAGE_TEXT / 2);
            int sent = 0;
            while (sent < 2000 && bob.client().events(Users.StateChanged.class).stream()
                    .noneMatch(e -> e.user().id() == stalledId && e.user().presence() == Presence.OFFLINE)) {
                ann.client().expect(new Chat.Send(LOBBY, null, big, "flood-" + sent, null), Chat.Sent.class);
                sent++;
            }

            bob.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == stalledId && e.user().presence() == Presence.OFFLINE);
            int acknowledged = sent;
            await().until(() -> bob.client().events(Chat.Posted.class).size() == acknowledged);
            stalled.release();
            await().until(stalled::isClosed);
        }
    }

    @Test
    void deadConnectionIsCleanedUpByTheHeartbeat() throws Exception {
        ServerConfig config = Rooms.config(data).heartbeat(Duration.ofSeconds(1)).build();
        try (ParleyServer server = ParleyServer.start(config); SignedIn ann = Rooms.register(server, "ann")) {
            StalledClient silent = new StalledClient(server.port());
            silent.signInAsGuest("ghost");
            ann.client().send(new Chat.Typing(LOBBY, null));

            ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().user().name().equals("ghost") && e.user().presence() == Presence.OFFLINE);
            silent.release();
        }
    }
}
