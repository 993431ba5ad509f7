package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SignInTest {
    @TempDir
    Path data;
    ParleyServer server;

    @BeforeEach
    void start() {
        server = Rooms.start(data);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void firstAccountBecomesAdminAndLaterOnesMembers() throws Exception {
        try (SignedIn ann = Rooms.register(server, "ann"); SignedIn bob = Rooms.register(server, "bob")) {
            assertThat(ann.auth().self().role()).isEqualTo(Role.ADMIN);
            assertThat(bob.auth().self().role()).isEqualTo(Role.MEMBER);
            assertThat(bob.auth().channelId()).isEqualTo(1L);
            assertThat(bob.auth().channels()).extracting(c -> c.name()).containsExactly("Lobby");
        }
    }

    @Test
    void registeredUserLogsInAgainWithPassword() throws Exception {
        Rooms.register(server, "ann").close();

        try (SignedIn ann = Rooms.login(server, "ANN")) {
            assertThat(ann.auth().self().name()).isEqualTo("ann");
            assertThat(ann.auth().token()).isNotBlank();
        }
    }

    @Test
    void wrongPasswordIsRefusedAndConnectionStaysUsable() throws Exception {
        Rooms.register(server, "ann").close();
        try (TestClient client = TestClient.hello(server.port())) {
            client.expectError(new Session.Login("ann", "not the password"), ErrorCode.BAD_CREDENTIALS);
            client.expectError(new Session.Login("nobody", "whatever123"), ErrorCode.BAD_CREDENTIALS);

            client.expect(new Session.Login("ann", Rooms.PASSWORD), Session.AuthOk.class);
        }
    }

    @Test
    void repeatedFailedLoginsMustWait() throws Exception {
        Rooms.register(server, "ann").close();
        try (TestClient client = TestClient.hello(server.port())) {
            for (int i = 0; i < 3; i++) {
                client.expectError(new Session.Login("ann", "wrong password " + i), ErrorCode.BAD_CREDENTIALS);
            }
            ErrorReply slowed = client.expectError(new Session.Login("ann", Rooms.PASSWORD), ErrorCode.RATE_LIMITED);
            assertThat(slowed.message()).contains("try again in");
            assertThat(slowed.retryAfterMs()).isPositive();
        }
    }

    @Test
    void guessingAcrossAccountsFromOneAddressMustWaitEvenOnANewConnection() throws Exception {
        for (String name : new String[] {"ann", "bob", "cat"}) {
            Rooms.register(server, name).close();
        }
        try (TestClient guesser = TestClient.hello(server.port())) {
            for (String name : new String[] {"ann", "bob", "cat"}) {
                guesser.expectError(new Session.Login(name, "guess"), ErrorCode.BAD_CREDENTIALS);
            }
        }
        try (TestClient again = TestClient.hello(server.port())) {
            ErrorReply slowed = again.expectError(new Session.Login("ann", "another guess"), ErrorCode.RATE_LIMITED);
            assertThat(slowed.retryAfterMs()).isPositive();
        }
    }

    @Test
    void usernamesAreUniqueIgnoringCase() throws Exception {
        Rooms.register(server, "ann").close();
        try (TestClient client = TestClient.hello(server.port())) {
            client.expectError(new Session.Register("Ann", Rooms.PASSWORD, null), ErrorCode.USERNAME_TAKEN);
        }
    }

    @Test
    void tokenResumesTheSameAccountOnANewConnection() throws Exception {
        String token;
        long id;
        try (SignedIn ann = Rooms.register(server, "ann")) {
            token = ann.auth().token();
            id = ann.id();
        }
        try (TestClient again = TestClient.hello(server.port())) {
            Session.AuthOk resumed = again.expect(new Session.Resume(token), Session.AuthOk.class);
            assertThat(resumed.self().id()).isEqualTo(id);
        }
    }

    @Test
    void forgedTokenIsRefused() throws Exception {
        try (TestClient client = TestClient.hello(server.port())) {
            client.expectError(new Session.Resume("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.bm9wZQ"), ErrorCode.INVALID_TOKEN);
        }
    }

    @Test
    void guestJoinsWithANicknameAndANegativeId() throws Exception {
        try (SignedIn guest = Rooms.guest(server, "visitor")) {
            assertThat(guest.auth().self().role()).isEqualTo(Role.GUEST);
            assertThat(guest.id()).isNegative();
        }
    }

    @Test
    void roomWithServerPasswordRefusesGuestsWithoutIt(@TempDir Path other) throws Exception {
        try (ParleyServer locked = ParleyServer.start(Rooms.config(other).serverPassword("letmein").build());
             TestClient client = TestClient.connect(locked.port())) {
            Session.HelloOk hello = client.expect(new Session.Hello(ProtocolVersion.CURRENT, "t"), Session.HelloOk.class);
            assertThat(hello.serverPasswordRequired()).isTrue();

            client.expectError(new Session.GuestJoin("visitor", "wrong"), ErrorCode.SERVER_PASSWORD);
            client.expect(new Session.GuestJoin("visitor", "letmein"), Session.AuthOk.class);
        }
    }

    @Test
    void requestsBeforeHelloAreRefused() throws Exception {
        try (TestClient client = TestClient.connect(server.port())) {
            client.expectError(new Session.Login("ann", Rooms.PASSWORD), ErrorCode.HELLO_REQUIRED);
        }
    }

    @Test
    void requestsBeforeSignInAreRefused() throws Exception {
        try (TestClient client = TestClient.hello(server.port())) {
            client.expectError(new Session.SetPresence(Presence.AWAY), ErrorCode.NOT_AUTHENTICATED);
        }
    }

    @Test
    void incompatibleProtocolVersionGetsAClearErrorAndIsClosed() throws Exception {
        try (TestClient client = TestClient.connect(server.port())) {
            ErrorReply error = client.expectError(new Session.Hello(99, "future"), ErrorCode.UNSUPPORTED_VERSION);
            assertThat(error.message()).contains("update");
            org.awaitility.Awaitility.await().until(() -> client.isClosed());
            assertThat(client.closeCode()).isEqualTo(4000);
        }
    }

    @Test
    void othersSeeSignInPresenceAndSignOff() throws Exception {
        try (SignedIn ann = Rooms.register(server, "ann")) {
            SignedIn bob = Rooms.register(server, "bob");
            ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bob.id() && e.user().presence() == Presence.ONLINE);

            bob.client().expect(new Session.SetPresence(Presence.BUSY), dev.parley.protocol.control.message.Ok.class);
            ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bob.id() && e.user().presence() == Presence.BUSY);

            bob.close();
            UserState gone = ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bob.id() && e.user().presence() == Presence.OFFLINE).user();
            assertThat(gone.lastSeen()).isNotNull();
        }
    }

    @Test
    void invisibleUserLooksOfflineToOthersButNotToThemselves() throws Exception {
        try (SignedIn ann = Rooms.register(server, "ann"); SignedIn bob = Rooms.register(server, "bob")) {
            bob.client().expect(new Session.SetPresence(Presence.INVISIBLE), dev.parley.protocol.control.message.Ok.class);

            ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bob.id() && e.user().presence() == Presence.OFFLINE);
            bob.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bob.id() && e.user().presence() == Presence.INVISIBLE);
            try (SignedIn cat = Rooms.register(server, "cat")) {
                // The sign-in snapshot lists online users only: bob is not among them...
                assertThat(cat.auth().users()).extracting(u -> u.id()).doesNotContain(bob.id());
                assertThat(cat.auth().counts().online()).isEqualTo(2);
                // ...and the member list shows him offline.
                dev.parley.protocol.control.message.Directory.MemberPage members = cat.client().expect(
                        new dev.parley.protocol.control.message.Directory.ListMembers(null, null),
                        dev.parley.protocol.control.message.Directory.MemberPage.class);
                assertThat(members.members()).filteredOn(u -> u.id() == bob.id())
                        .singleElement().satisfies(u -> assertThat(u.presence()).isEqualTo(Presence.OFFLINE));
            }
        }
    }

    @Test
    void invisibleUserResumingNeverFlashesOnline() throws Exception {
        try (SignedIn ann = Rooms.register(server, "ann")) {
            String token;
            long bobId;
            try (SignedIn bob = Rooms.register(server, "bob")) {
                bob.client().expect(new Session.SetPresence(Presence.INVISIBLE), dev.parley.protocol.control.message.Ok.class);
                token = bob.auth().token();
                bobId = bob.id();
            }
            // Bob's ONLINE news may still be on its way to ann; wait until she has seen him go dark, so
            // only what his resume causes is counted below.
            ann.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == bobId && e.user().presence() == Presence.OFFLINE);
            ann.client().expect(new Session.Ping(), Session.Pong.class);
            int seenBefore = ann.client().events(Users.StateChanged.class).size();
            try (TestClient again = TestClient.hello(server.port())) {
                again.expect(new Session.Resume(token, Presence.INVISIBLE), Session.AuthOk.class);
                // The room handles requests in order: once ann's ping is answered, any news of bob has reached her.
                ann.client().expect(new Session.Ping(), Session.Pong.class);
            }
            assertThat(ann.client().events(Users.StateChanged.class).stream().skip(seenBefore))
                    .noneMatch(e -> e.user().id() == bobId && e.user().presence() != Presence.OFFLINE);
        }
    }

    @Test
    void signingInAgainReplacesTheOlderSession() throws Exception {
        try (SignedIn first = Rooms.register(server, "ann"); SignedIn second = Rooms.login(server, "ann")) {
            first.client().awaitEvent(Session.Closing.class, e -> e.reason().equals("replaced"));
            org.awaitility.Awaitility.await().until(() -> first.client().isClosed());
            assertThat(second.client().isOpen()).isTrue();
        }
    }
}
