package dev.parley.client.core.net;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.ClientException;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Presence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ReconnectTest {
    static final String CHANNEL_PASSWORD = "games-password";

    @TempDir
    Path data;
    TestRoom room;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();
    ControlClient boss;
    ControlClient ann;
    RoomState annRoom;
    long annId;
    long games;
    final List<ConnectionState> annStates = new CopyOnWriteArrayList<>();
    final List<ChatMessage> annPosts = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        room = TestRoom.start(data);
        boss = signIn(room.port(), new Credentials.Register("boss", PASSWORD, null));
        games = await(boss.request(new Channels.Create(null, "Games", null, null, CHANNEL_PASSWORD),
                Channels.Created.class)).channel().id();
        signIn(room.port(), new Credentials.Register("bob", PASSWORD, null)).close();

        ann = client(room.port(), Clients.FAST);
        annRoom = RoomState.attach(ann);
        ann.onStatus(status -> annStates.add(status.state()));
        ann.on(Chat.Posted.class, posted -> annPosts.add(posted.message()));
        annId = Clients.signIn(ann, new Credentials.Register("ann", PASSWORD, null)).self().id();
        await(ann.requestOk(new Channels.Join(games, CHANNEL_PASSWORD)));
        await(ann.requestOk(new dev.parley.protocol.control.message.Session.SetPresence(Presence.BUSY)));
    }

    @AfterEach
    void stop() {
        clients.forEach(ControlClient::close);
        room.close();
    }

    ControlClient client(int port, ClientConfig config) {
        ControlClient client = new ControlClient(ControlClient.address("127.0.0.1", port), config, Clients.firstUse());
        clients.add(client);
        return client;
    }

    ControlClient signIn(int port, Credentials credentials) throws Exception {
        ControlClient client = client(port, Clients.FAST);
        Clients.signIn(client, credentials);
        return client;
    }

    @Test
    void afterAServerRestartTheClientComesBackToItsChannelWithMissedAndPendingMessagesOnce()
            throws Exception {
        room.stop();
        await().until(() -> ann.status().state() == ConnectionState.RECONNECTING);
        OutgoingMessage offline = ann.sendMessage(Conversation.channel(games), "written while offline", null);
        await().until(() -> ann.pendingMessages().stream().anyMatch(p -> p.nonce().equals(offline.nonce())));

        // The same room on another port: the others chat there while ann cannot reach it.
        ChatMessage missed;
        try (TestRoom elsewhere = TestRoom.start(data)) {
            ControlClient bob = signIn(elsewhere.port(), new Credentials.Login("bob", PASSWORD));
            // Games has a password: its chat is for those who proved it (docs/PROTOCOL.md, locked channels).
            await(bob.requestOk(new Channels.Join(games, CHANNEL_PASSWORD)));
            missed = await(bob.sendMessage(Conversation.channel(games), "said while you were away", null).delivered());
            bob.close();
        }
        room.restart();

        await().until(() -> ann.status().state() == ConnectionState.CONNECTED);
        assertThat(annStates).containsSubsequence(ConnectionState.CONNECTED, ConnectionState.RECONNECTING,
                ConnectionState.CONNECTED);
        ChatMessage sentOffline = await(offline.delivered());
        assertThat(sentOffline.nonce()).isEqualTo(offline.nonce());
        assertThat(Clients.onLoop(ann.eventLoop(), () -> annRoom.myChannelId())).isEqualTo(games);

        ControlClient bob = signIn(room.port(), new Credentials.Login("bob", PASSWORD));
        await(bob.requestOk(new Channels.Join(games, CHANNEL_PASSWORD)));
        assertThat(await(bob.request(new Chat.History(games, null, null, null), Chat.Page.class)).messages())
                .extracting(ChatMessage::text)
                .containsExactly("said while you were away", "written while offline");
        var seenByCat = Clients.signIn(client(room.port(), Clients.FAST), new Credentials.Register("cat", PASSWORD, null));
        assertThat(seenByCat.users()).filteredOn(user -> user.id() == annId).singleElement().satisfies(user -> {
            assertThat(user.channelId()).isEqualTo(games);
            assertThat(user.presence()).isEqualTo(Presence.BUSY);
        });

        ChatMessage live = await(bob.sendMessage(Conversation.channel(games), "live again", null).delivered());
        await().until(() -> annPosts.stream().anyMatch(m -> m.id() == live.id()));
        assertThat(annPosts).filteredOn(m -> m.id() == missed.id()).hasSize(1);
        assertThat(annPosts).filteredOn(m -> m.id() == sentOffline.id()).hasSize(1);
        assertThat(annPosts).extracting(ChatMessage::id).isSorted();
        // The missed message is in the resumed snapshot's unread count and must not be counted again.
        assertThat(Clients.onLoop(ann.eventLoop(), () -> annRoom.unread(Conversation.channel(games)))).isEqualTo(2);
    }

    @Test
    void refusedTokenAfterARestartEndsDisconnectedWithTheReason(@TempDir Path otherRoom) throws Exception {
        room.stop();
        await().until(() -> ann.status().state() == ConnectionState.RECONNECTING);

        // Another room on the same port signs tokens with another secret; it kept the host's
        // certificate (the database was reset, not the machine), so only the token is refused.
        java.nio.file.Files.copy(data.resolve(dev.parley.server.tls.TlsIdentity.FILE),
                otherRoom.resolve(dev.parley.server.tls.TlsIdentity.FILE));
        try (TestRoom stranger = TestRoom.start(otherRoom, room.port())) {
            await().until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
            assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.SESSION_EXPIRED);
            assertThat(ann.status().message()).contains("expired");
            assertThat(stranger.port()).isEqualTo(room.port());
        }
    }

    @Test
    void anotherCertificateOnTheSamePortEndsReconnectingAsChanged(@TempDir Path otherRoom) throws Exception {
        room.stop();
        await().until(() -> ann.status().state() == ConnectionState.RECONNECTING);

        try (TestRoom impostor = TestRoom.start(otherRoom, room.port())) {
            await().until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
            assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.FINGERPRINT_CHANGED);
            assertThat(ann.status().message()).contains(impostor.server().fingerprint().orElseThrow().toString());
        }
    }

    @Test
    void bannedClientDoesNotReconnect() throws Exception {
        await(boss.requestOk(new dev.parley.protocol.control.message.Moderation.Ban(annId, "spamming", null, false)));

        await().until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.KICKED);
        assertThat(ann.status().message()).contains("spamming");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(annStates).doesNotContain(ConnectionState.RECONNECTING);
    }

    @Test
    void kickedClientDoesNotReconnect() throws Exception {
        await(boss.requestOk(new dev.parley.protocol.control.message.Users.Kick(annId, "spamming")));

        await().until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.KICKED);
        assertThat(ann.status().message()).contains("spamming");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(annStates).doesNotContain(ConnectionState.RECONNECTING);
    }

    @Test
    void replacedSessionDoesNotReconnect() throws Exception {
        signIn(room.port(), new Credentials.Login("ann", PASSWORD));

        await().until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.REPLACED);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
        assertThat(annStates).doesNotContain(ConnectionState.RECONNECTING);
    }

    @Test
    void fullOutboxRefusesMoreAndDisconnectingFailsWhatWaits() throws Exception {
        ControlClient small = client(room.port(), Clients.FAST.withOutboxCapacity(2));
        Clients.signIn(small, new Credentials.Login("bob", PASSWORD));
        room.stop();
        await().until(() -> small.status().state() == ConnectionState.RECONNECTING);

        OutgoingMessage first = small.sendMessage(Conversation.channel(games), "one", null);
        OutgoingMessage second = small.sendMessage(Conversation.channel(games), "two", null);
        OutgoingMessage third = small.sendMessage(Conversation.channel(games), "three", null);

        assertThatThrownBy(() -> await(third.delivered())).cause().isInstanceOf(ClientException.class)
                .hasMessageContaining("Too many messages");
        assertThat(small.pendingMessages()).extracting(PendingMessage::text).containsExactly("one", "two");
        await(small.disconnect());
        assertThatThrownBy(() -> await(first.delivered())).cause().isInstanceOf(NotConnected.class);
        assertThatThrownBy(() -> await(second.delivered())).cause().isInstanceOf(NotConnected.class);
        assertThat(small.pendingMessages()).isEmpty();
    }
}
