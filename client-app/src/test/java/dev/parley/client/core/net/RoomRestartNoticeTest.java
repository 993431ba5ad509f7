package dev.parley.client.core.net;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room restarted the way a service is (SIGTERM, then started again on the same data folder and
 * port), against the real server: the client hears "the room restarts in N s" before the connection
 * drops, says it is restarting rather than "connection lost", and comes back by itself to a room whose
 * history is intact.
 */
@Timeout(60)
class RoomRestartNoticeTest {
    @TempDir
    Path data;

    @Test
    void theClientIsToldOfTheRestartSaysSoAndComesBackToItsHistory() throws Exception {
        try (TestRoom room = TestRoom.start(data);
             ControlClient ann = Clients.client(room.port())) {
            List<Session.RoomClosing> notices = new CopyOnWriteArrayList<>();
            List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
            ann.on(Session.RoomClosing.class, notices::add);
            ann.onStatus(statuses::add);
            long lobby = Clients.signIn(ann, new Credentials.Register("ann", PASSWORD, null)).channelId();
            ChatMessage before = await(ann.sendMessage(Conversation.channel(lobby),
                    "see you after the restart", null).delivered());

            room.restartGracefully(Duration.ofSeconds(1));

            assertThat(notices).singleElement().satisfies(notice -> {
                assertThat(notice.restart()).isTrue();
                assertThat(notice.inSeconds()).isEqualTo(1);
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> ann.status().state() == ConnectionState.CONNECTED
                    && statuses.stream().anyMatch(status -> status.reason() == ConnectionStatus.Reason.ROOM_CLOSED));
            assertThat(statuses).filteredOn(status -> status.state() == ConnectionState.RECONNECTING)
                    .isNotEmpty()
                    .allSatisfy(status -> {
                        assertThat(status.reason()).isEqualTo(ConnectionStatus.Reason.ROOM_CLOSED);
                        assertThat(status.message()).isEqualTo("The room is restarting — reconnecting…");
                    });

            Chat.Page history = await(ann.request(new Chat.History(lobby, null, null, null), Chat.Page.class));
            assertThat(history.messages()).extracting(ChatMessage::id, ChatMessage::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(before.id(), "see you after the restart"));
        }
    }
}
