package dev.parley.server.shutdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room stopped for a restart, against the real server on loopback and its real database: the
 * people in it are told before the close, what they sent is either stored and acknowledged or refused,
 * and the room they come back to after a restart on the same data folder holds what was acknowledged.
 */
// Two room starts and four password hashes per test: seconds alone, a minute and more on a machine loaded past 20.
@Timeout(180)
class GracefulShutdownTest {
    private static final long LOBBY = dev.parley.server.channel.ChannelTree.LOBBY_ID;

    @TempDir
    Path data;

    @Test
    void everyoneIsToldBeforeTheCloseAndTheRoomWorksUntilTheGraceIsOver() throws Exception {
        String duringGrace;
        try (ParleyServer server = start(); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            CompletableFuture<Void> stopping = stopInBackground(server, Duration.ofSeconds(2));

            Session.RoomClosing toAnn = awaitNotice(ann.client());
            assertThat(toAnn.restart()).isTrue();
            assertThat(toAnn.inSeconds()).isBetween(1, 2);
            assertThat(toAnn.message()).startsWith("The room restarts in");
            assertThat(awaitNotice(bob.client()).restart()).isTrue();

            // The grace period is for finishing a sentence: the room still takes it and stores it.
            duringGrace = ann.client().expect(new Chat.Send(LOBBY, null, "brb, restart", "g1", null), Chat.Sent.class)
                    .message().text();
            // Someone signing in now is told as well.
            try (SignedIn carl = Rooms.register(server, "carl")) {
                assertThat(awaitNotice(carl.client()).inSeconds()).isBetween(0, 2);
            }

            stopping.get(20, TimeUnit.SECONDS);
            for (TestClient client : List.of(ann.client(), bob.client())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> client.isClosed());
                assertThat(client.closeCode()).isEqualTo(1001);
                List<Event> events = client.events(Event.class);
                int notice = indexOf(events, Session.RoomClosing.class);
                int closing = indexOf(events, Session.Closing.class);
                assertThat(notice).as("room.closing arrived: %s", events).isNotNegative();
                assertThat(closing).as("session.closing came after room.closing: %s", events).isGreaterThan(notice);
                assertThat(((Session.Closing) events.get(closing)).reason()).isEqualTo("shutting_down");
            }
        }

        try (ParleyServer again = start(); SignedIn ann = Rooms.login(again, "ann")) {
            Chat.Page lobby = ann.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
            assertThat(lobby.messages()).extracting(ChatMessage::text).containsExactly(duringGrace);
        }
    }

    @Test
    void messagesSentAsTheRoomClosesAreStoredAndAcknowledgedOrRefusedNeverAcknowledgedThenLost() throws Exception {
        Map<String, String> idByText = new LinkedHashMap<>();
        List<String> acknowledged = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        try (ParleyServer server = start(); SignedIn ann = Rooms.register(server, "ann")) {
            TestClient client = ann.client();
            acknowledged.add(client.expect(new Chat.Send(LOBBY, null, "m0", "n0", null), Chat.Sent.class).message().text());
            // A burst the close cuts through: sent back to back while the room stops with no grace.
            for (int i = 1; i < 10; i++) {
                idByText.put("m" + i, client.send(new Chat.Send(LOBBY, null, "m" + i, "n" + i, null)));
            }
            CompletableFuture<Void> stopping = stopInBackground(server, Duration.ZERO);
            // Up to 55 in all: within the room's burst of 60 requests, so none is refused for rate.
            for (int i = 10; i < 55 && client.isOpen(); i++) {
                idByText.put("m" + i, client.send(new Chat.Send(LOBBY, null, "m" + i, "n" + i, null)));
            }
            stopping.get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.isClosed());
            assertThat(client.closeCode()).isEqualTo(1001);

            idByText.forEach((text, id) -> {
                Optional<Reply> reply = client.replyNow(id);
                if (reply.isPresent() && reply.get() instanceof Chat.Sent sent) {
                    assertThat(sent.message().text()).isEqualTo(text);
                    acknowledged.add(text);
                } else if (reply.isPresent()) {
                    assertThat(reply.get()).as("the reply to %s", text).isInstanceOf(ErrorReply.class);
                    assertThat(((ErrorReply) reply.get()).code()).as("why %s was refused", text)
                            .isEqualTo(ErrorCode.SHUTTING_DOWN);
                    refused.add(text);
                }
            });
            // Every reply the server sent went out before its close frame: nothing accepted was left unanswered.
            List<Event> events = client.events(Event.class);
            assertThat(events).last().isInstanceOf(Session.Closing.class);
        }

        try (ParleyServer again = start(); SignedIn ann = Rooms.login(again, "ann")) {
            Chat.Page lobby = ann.client().expect(new Chat.History(LOBBY, null, null, 100), Chat.Page.class);
            List<String> stored = lobby.messages().stream().map(ChatMessage::text).toList();
            // Acknowledged means stored; refused (or never answered, because it arrived after the close) means not.
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
            assertThat(stored).filteredOn(refused::contains).as("refused yet stored").isEmpty();
        }
    }

    /** A room like the other tests' with a lenient heartbeat: a loaded machine must not drop the clients mid-test. */
    private ParleyServer start() {
        return ParleyServer.start(Rooms.config(data).heartbeat(Duration.ofSeconds(60)).build());
    }

    private static Session.RoomClosing awaitNotice(TestClient client) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                .alias("room.closing; events so far: " + client.events(Event.class))
                .until(() -> client.events(Session.RoomClosing.class), notices -> !notices.isEmpty()).get(0);
    }

    /** On a thread of its own: the shared pool may be busy, and a shutdown blocks for its grace period. */
    private static CompletableFuture<Void> stopInBackground(ParleyServer server, Duration grace) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        Thread stopper = new Thread(() -> {
            server.shutdown(grace, true);
            stopped.complete(null);
        }, "test-shutdown");
        stopper.setDaemon(true);
        stopper.start();
        return stopped;
    }

    private static int indexOf(List<Event> events, Class<? extends Event> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
