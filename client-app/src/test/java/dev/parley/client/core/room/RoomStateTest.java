package dev.parley.client.core.room;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static dev.parley.client.core.support.Clients.await;
import static dev.parley.client.core.support.Clients.onLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class RoomStateTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;
    TestRoom room;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();
    ControlClient ann;
    RoomState annRoom;
    long annId;
    final List<RoomChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        room = TestRoom.start(data);
        ann = client();
        annRoom = RoomState.attach(ann);
        annRoom.onChange(changes::add);
        annId = Clients.signIn(ann, new Credentials.Register("ann", PASSWORD, null)).self().id();
    }

    @AfterEach
    void stop() {
        clients.forEach(ControlClient::close);
        room.close();
    }

    ControlClient client() {
        ControlClient client = Clients.client(room.port());
        clients.add(client);
        return client;
    }

    <T> T read(java.util.function.Supplier<T> what) throws Exception {
        return onLoop(ann.eventLoop(), what);
    }

    @Test
    void snapshotGivesMeTheLobbyAndMyself() throws Exception {
        assertThat(read(() -> annRoom.self().orElseThrow().name())).isEqualTo("ann");
        assertThat(read(() -> annRoom.myChannelId())).isEqualTo(LOBBY);
        assertThat(read(() -> annRoom.roots())).extracting(ChannelInfo::name).containsExactly("Lobby");
        assertThat(read(() -> annRoom.usersIn(LOBBY))).extracting(UserState::id).containsExactly(annId);
        assertThat(changes).first().isInstanceOf(RoomChange.Reset.class);
    }

    @Test
    void newChannelAndAnotherUsersArrivalMoveAndPresenceShowUp() throws Exception {
        long games = await(ann.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                .channel().id();
        ControlClient bob = client();
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null)).self().id();

        await(bob.requestOk(new Channels.Join(games, null)));
        await(bob.requestOk(new Session.SetPresence(Presence.AWAY)));

        await().until(() -> read(() -> annRoom.usersIn(games)).stream().anyMatch(u -> u.id() == bobId
                && u.presence() == Presence.AWAY));
        assertThat(read(() -> annRoom.children(LOBBY))).extracting(ChannelInfo::name).containsExactly("Games");
        assertThat(changes).contains(new RoomChange.ChannelChanged(games), new RoomChange.UserChanged(bobId));

        bob.close();
        await().until(() -> read(() -> annRoom.user(bobId).orElseThrow().presence()) == Presence.OFFLINE);
        assertThat(read(() -> annRoom.usersIn(games))).isEmpty();
    }

    @Test
    void othersMessagesCountAsUnreadUntilCleared() throws Exception {
        ControlClient bob = client();
        Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null));
        Conversation lobby = Conversation.channel(LOBBY);

        await(bob.sendMessage(lobby, "one", null).delivered());
        var last = await(bob.sendMessage(lobby, "two", null).delivered());
        await(ann.sendMessage(lobby, "mine do not count", null).delivered());

        await().until(() -> read(() -> annRoom.lastMessageId()) > last.id());
        assertThat(read(() -> annRoom.unread(lobby))).isEqualTo(2);
        assertThat(changes).contains(new RoomChange.UnreadChanged(lobby, 2));
        read(() -> {
            annRoom.clearUnread(lobby);
            return null;
        });
        assertThat(read(() -> annRoom.unreadCounts())).isEmpty();
    }

    @Test
    void snapshotCarriesUnreadCountsPerConversation() throws Exception {
        ControlClient bob = client();
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null)).self().id();
        ann.close();
        await(bob.sendMessage(Conversation.channel(LOBBY), "while ann was away", null).delivered());
        await(bob.sendMessage(Conversation.direct(annId), "psst", null).delivered());

        ControlClient again = client();
        RoomState fresh = RoomState.attach(again);
        Clients.signIn(again, new Credentials.Login("ann", PASSWORD));

        assertThat(onLoop(again.eventLoop(), fresh::unreadCounts)).containsOnly(
                java.util.Map.entry(Conversation.channel(LOBBY), 1), java.util.Map.entry(Conversation.direct(bobId), 1));
    }

    @Test
    void typingShowsAndExpiresLocally() throws Exception {
        ControlClient bob = client();
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null)).self().id();
        Conversation lobby = Conversation.channel(LOBBY);

        await(bob.requestOk(new Chat.Typing(LOBBY, null)));

        await().until(() -> read(() -> annRoom.typing(lobby)).stream().anyMatch(t -> t.userId() == bobId));
        assertThat(read(() -> annRoom.typing(lobby))).extracting(Typist::name).containsExactly("bob");
        await().until(() -> read(() -> annRoom.typing(lobby)).isEmpty());
        assertThat(changes).filteredOn(RoomChange.TypingChanged.class::isInstance).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void typingStopsWhenTheTypistsMessageArrives() throws Exception {
        ControlClient bob = client();
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null)).self().id();
        Conversation lobby = Conversation.channel(LOBBY);
        await(bob.requestOk(new Chat.Typing(LOBBY, null)));
        await().until(() -> read(() -> annRoom.typing(lobby)).stream().anyMatch(t -> t.userId() == bobId));

        var sent = await(bob.sendMessage(lobby, "done typing", null).delivered());

        await().until(() -> read(() -> annRoom.lastMessageId()) >= sent.id());
        assertThat(read(() -> annRoom.typing(lobby))).isEmpty();
    }

    @Test
    void readingOffTheEventThreadIsRefused() {
        assertThatThrownBy(() -> annRoom.myChannelId()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void movedByAModeratorUpdatesMyChannel() throws Exception {
        ControlClient bob = client();
        RoomState bobRoom = RoomState.attach(bob);
        long bobId = Clients.signIn(bob, new Credentials.Register("bob", PASSWORD, null)).self().id();
        long games = await(ann.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                .channel().id();

        await(ann.requestOk(new Users.Move(bobId, games)));

        await().until(() -> onLoop(bob.eventLoop(), bobRoom::myChannelId) == games);
    }
}
