package dev.parley.client.core.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.ArrayList;
import static dev.parley.client.core.support.Clients.PASSWORD;
import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Role;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ControlClientTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;
    TestRoom room;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        room = TestRoom.start(data);
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

    ControlClient registered(String username) throws Exception {
        ControlClient client = client();
        Clients.signIn(client, new Credentials.Register(username, PASSWORD, null));
        return client;
    }

    @Test
    void clientsOnOneMachineSigningInAtOnceAllGetIn() throws Exception {
        List<String> names = List.of("ann", "bob", "cat", "dan", "eve", "fay");
        for (String name : names) {
            registered(name).close();
        }
        // The room checks one password per address at a time and asks the others to wait a moment.
        List<CompletableFuture<Session.AuthOk>> signIns = new ArrayList<>();
        for (String name : names) {
            signIns.add(client().connect(new Credentials.Login(name, PASSWORD)));
        }

        for (CompletableFuture<Session.AuthOk> signIn : signIns) {
            assertThat(signIn.get(30, TimeUnit.SECONDS).self().name()).isNotBlank();
        }
    }

    @Test
    void registeringGoesThroughConnectingToConnectedOnTheEventThread() throws Exception {
        ControlClient ann = client();
        List<ConnectionState> states = new CopyOnWriteArrayList<>();
        List<Boolean> onEventThread = new CopyOnWriteArrayList<>();
        ann.onStatus(status -> {
            states.add(status.state());
            onEventThread.add(ann.eventLoop().inEventThread());
        });

        Session.AuthOk auth = Clients.signIn(ann, new Credentials.Register("ann", PASSWORD, null));

        assertThat(auth.self().name()).isEqualTo("ann");
        assertThat(auth.self().role()).isEqualTo(Role.ADMIN);
        await().until(() -> states.contains(ConnectionState.CONNECTED));
        // First contact also passes through CONNECTING with reason AWAITING_TRUST (ServerTrustTest).
        assertThat(states.stream().distinct()).containsExactly(ConnectionState.CONNECTING, ConnectionState.CONNECTED);
        assertThat(onEventThread).containsOnly(true);
        assertThat(ann.serverInfo()).hasValueSatisfying(hello -> assertThat(hello.guestsAllowed()).isTrue());
    }

    /**
     * The app stops its shared event thread when it quits, and a client closed after that logged "Client did not
     * disconnect cleanly: RejectedExecutionException: client event loop is closed" (issue 12, exceptions at quit).
     */
    @Test
    void aClientClosedAfterItsSharedEventThreadStoppedClosesQuietly() throws Exception {
        dev.parley.client.core.ClientEventLoop shared = new dev.parley.client.core.ClientEventLoop();
        ControlClient ann = new ControlClient(ControlClient.address("127.0.0.1", room.port()), Clients.FAST,
                Clients.firstUse(), shared);
        Clients.signIn(ann, new Credentials.Register("ann", PASSWORD, null));
        shared.close();

        assertThat(ann.disconnect()).as("nothing left to disconnect on a stopped thread").isCompleted();
        ann.close();
    }

    @Test
    void registeredUserLogsInWithPassword() throws Exception {
        registered("ann").close();

        Session.AuthOk auth = Clients.signIn(client(), new Credentials.Login("ann", PASSWORD));

        assertThat(auth.self().name()).isEqualTo("ann");
    }

    @Test
    void guestJoinsWithANickname() throws Exception {
        Session.AuthOk auth = Clients.signIn(client(), new Credentials.Guest("visitor", null));

        assertThat(auth.self().role()).isEqualTo(Role.GUEST);
        assertThat(auth.self().id()).isNegative();
    }

    @Test
    void savedTokenResumesTheSameAccount() throws Exception {
        ControlClient first = client();
        Session.AuthOk original = Clients.signIn(first, new Credentials.Register("ann", PASSWORD, null));
        first.close();

        Session.AuthOk resumed = Clients.signIn(client(), new Credentials.Resume(original.token()));

        assertThat(resumed.self().id()).isEqualTo(original.self().id());
    }

    @Test
    void wrongPasswordFailsWithTheServersCodeAndDisconnects() throws Exception {
        registered("ann").close();
        ControlClient again = client();

        assertThatThrownBy(() -> Clients.signIn(again, new Credentials.Login("ann", "not the password")))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(RequestFailed.class,
                        failed -> assertThat(failed.code()).isEqualTo(ErrorCode.BAD_CREDENTIALS));
        await().until(() -> again.status().state() == ConnectionState.DISCONNECTED);
        assertThat(again.status().reason()).isEqualTo(ConnectionStatus.Reason.REFUSED);
        assertThat(again.status().message()).contains("Wrong username or password");
    }

    @Test
    void unreachableServerFailsTheConnectAndDisconnects() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        ControlClient nowhere = Clients.client(freePort);
        clients.add(nowhere);

        assertThatThrownBy(() -> Clients.signIn(nowhere, new Credentials.Guest("visitor", null)))
                .cause().isInstanceOf(NotConnected.class);
        assertThat(nowhere.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(nowhere.status().reason()).isEqualTo(ConnectionStatus.Reason.UNREACHABLE);
    }

    @Test
    void replyIsMatchedToItsRequest() throws Exception {
        ControlClient ann = registered("ann");

        Channels.Created created = await(ann.request(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class));
        Chat.Page page = await(ann.request(new Chat.History(LOBBY, null, null, 10), Chat.Page.class));

        assertThat(created.channel().name()).isEqualTo("Games");
        assertThat(page.messages()).isEmpty();
    }

    @Test
    void errorReplyFailsTheFutureWithItsCodeAndTheConnectionStays() throws Exception {
        ControlClient ann = registered("ann");

        assertThatThrownBy(() -> await(ann.requestOk(new Channels.Join(42L, null))))
                .cause().isInstanceOfSatisfying(RequestFailed.class, failed -> {
                    assertThat(failed.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(failed.getMessage()).contains("no channel 42");
                });
        assertThat(ann.status().state()).isEqualTo(ConnectionState.CONNECTED);
        await(ann.request(new Session.Ping(), Session.Pong.class));
    }

    @Test
    void requestWhileDisconnectedFailsAtOnce() {
        ControlClient never = client();

        assertThatThrownBy(() -> await(never.request(new Session.Ping(), Session.Pong.class)))
                .cause().isInstanceOf(NotConnected.class);
    }

    @Test
    void eventsReachListenersOnTheEventThreadInOrder() throws Exception {
        ControlClient ann = registered("ann");
        ControlClient bob = registered("bob");
        List<String> texts = new CopyOnWriteArrayList<>();
        List<Boolean> onEventThread = new CopyOnWriteArrayList<>();
        ann.on(Chat.Posted.class, posted -> {
            texts.add(posted.message().text());
            onEventThread.add(ann.eventLoop().inEventThread());
        });

        for (int i = 0; i < 30; i++) {
            bob.sendMessage(Conversation.channel(LOBBY), "message " + i, null);
        }

        await().until(() -> texts.size() == 30);
        assertThat(texts).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> "message " + i).toList());
        assertThat(onEventThread).containsOnly(true);
    }

    @Test
    void otherClientSeesAJoinAMessageAndTyping() throws Exception {
        ControlClient ann = registered("ann");
        ControlClient bob = registered("bob");
        List<Users.Moved> moves = new CopyOnWriteArrayList<>();
        List<Chat.Posted> posts = new CopyOnWriteArrayList<>();
        List<Chat.TypingChanged> typing = new CopyOnWriteArrayList<>();
        ann.on(Users.Moved.class, moves::add);
        ann.on(Chat.Posted.class, posts::add);
        ann.on(Chat.TypingChanged.class, typing::add);
        long games = await(ann.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                .channel().id();

        await(bob.requestOk(new Channels.Join(games, null)));
        await(bob.requestOk(new Chat.Typing(games, null)));
        var sent = await(bob.sendMessage(Conversation.channel(games), "gg", null).delivered());

        await().until(() -> moves.stream().anyMatch(m -> m.userId() == sent.authorId() && m.toChannelId() == games));
        await().until(() -> typing.stream().anyMatch(t -> t.userId() == sent.authorId() && t.active()));
        await().until(() -> posts.stream().anyMatch(p -> p.message().id() == sent.id()));
        assertThat(posts).filteredOn(p -> p.message().id() == sent.id()).singleElement()
                .satisfies(p -> assertThat(p.message().text()).isEqualTo("gg"));
    }

    @Test
    void sentMessageCompletesWithTheStoredMessageCarryingItsNonce() throws Exception {
        ControlClient ann = registered("ann");

        OutgoingMessage outgoing = ann.sendMessage(Conversation.channel(LOBBY), "hello", null);
        var stored = await(outgoing.delivered());

        assertThat(stored.nonce()).isEqualTo(outgoing.nonce());
        assertThat(stored.text()).isEqualTo("hello");
        await().until(() -> ann.pendingMessages().isEmpty());
    }

    @Test
    void refusedMessageFailsAndLeavesTheOutbox() throws Exception {
        ControlClient ann = registered("ann");

        OutgoingMessage outgoing = ann.sendMessage(Conversation.channel(42), "anyone?", null);

        assertThatThrownBy(() -> await(outgoing.delivered())).cause()
                .isInstanceOfSatisfying(RequestFailed.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(ann.pendingMessages()).isEmpty();
    }

    @Test
    void invalidMessageTextFailsWithoutBeingQueued() throws Exception {
        ControlClient ann = registered("ann");

        OutgoingMessage empty = ann.sendMessage(Conversation.channel(LOBBY), "", null);

        assertThatThrownBy(() -> await(empty.delivered())).cause()
                .isInstanceOfSatisfying(RequestFailed.class, f -> assertThat(f.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void disconnectingByHandEndsInDisconnectedAndIgnoresTheClosedSocket() throws Exception {
        ControlClient ann = registered("ann");

        await(ann.disconnect());

        assertThat(ann.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(ann.status().reason()).isEqualTo(ConnectionStatus.Reason.CLOSED_BY_USER);
        await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(2))
                .until(() -> ann.status().state() == ConnectionState.DISCONNECTED);
    }

    @Test
    void binaryFramesGoOutOnlyWhileConnected() throws Exception {
        ControlClient ann = client();
        assertThat(ann.sendBinary(new byte[] {1, 2, 3})).isFalse();

        Clients.signIn(ann, new Credentials.Guest("voice", null));

        assertThat(ann.sendBinary(new byte[] {1, 2, 3})).isTrue();
    }
}
