package dev.parley.server.friends;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Friend requests, the list and the two privacy options, over the real protocol in one shared room. */
@Timeout(120)
class FriendsTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    @TempDir
    static Path data;
    static ParleyServer server;

    @BeforeAll
    static void room() {
        server = ParleyServer.start(Rooms.config(data)
                .registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build());
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    void aRequestTellsBothSidesAndAcceptingMakesFriends() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob")) {
            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);

            assertThat(changed(ann, bob, FriendStatus.OUTGOING).user().presence()).isEqualTo(Presence.ONLINE);
            changed(bob, ann, FriendStatus.INCOMING);
            assertThat(list(bob)).extracting(e -> e.user().id(), Friends.Entry::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ann.id(), FriendStatus.INCOMING));

            bob.client().expect(new Friends.Accept(ann.id()), Ok.class);

            changed(ann, bob, FriendStatus.FRIEND);
            changed(bob, ann, FriendStatus.FRIEND);
            Friends.Entry entry = list(ann).get(0);
            assertThat(entry.status()).isEqualTo(FriendStatus.FRIEND);
            assertThat(entry.user().presence()).isEqualTo(Presence.ONLINE);
            assertThat(entry.user().channelId()).isEqualTo(1L);
        }
    }

    @Test
    void declineCancelAndUnfriendEachEndInNone() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob")) {
            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);
            bob.client().expect(new Friends.Decline(ann.id()), Ok.class);
            changed(ann, bob, FriendStatus.NONE);
            assertThat(list(ann)).isEmpty();
            assertThat(list(bob)).isEmpty();
            bob.client().expectError(new Friends.Decline(ann.id()), ErrorCode.NOT_FOUND);

            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);
            ann.client().expect(new Friends.Cancel(bob.id()), Ok.class);
            awaitStatuses(bob, ann, FriendStatus.INCOMING, FriendStatus.NONE, FriendStatus.INCOMING, FriendStatus.NONE);
            bob.client().expectError(new Friends.Accept(ann.id()), ErrorCode.NOT_FOUND);
            ann.client().expectError(new Friends.Cancel(bob.id()), ErrorCode.NOT_FOUND);

            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);
            bob.client().expect(new Friends.Accept(ann.id()), Ok.class);
            bob.client().expect(new Friends.Remove(ann.id()), Ok.class);
            awaitStatuses(ann, bob, FriendStatus.OUTGOING, FriendStatus.NONE, FriendStatus.OUTGOING, FriendStatus.NONE,
                    FriendStatus.OUTGOING, FriendStatus.FRIEND, FriendStatus.NONE);
            assertThat(list(ann)).isEmpty();
            ann.client().expectError(new Friends.Remove(bob.id()), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void askingSomeoneWhoAskedYouMakesFriendsAtOnce() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob")) {
            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);
            bob.client().expect(new Friends.Ask(ann.id()), Ok.class);

            changed(ann, bob, FriendStatus.FRIEND);
            assertThat(list(bob)).extracting(Friends.Entry::status).containsExactly(FriendStatus.FRIEND);
        }
    }

    @Test
    void wrongRequestsAreRefusedClearly() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob"); SignedIn guest = Rooms.guest(server, "visitor")) {
            ann.client().expectError(new Friends.Ask(ann.id()), ErrorCode.CONFLICT);
            ann.client().expectError(new Friends.Ask(999_999L), ErrorCode.NOT_FOUND);
            ann.client().expect(new Friends.Ask(bob.id()), Ok.class);
            assertThat(ann.client().expectError(new Friends.Ask(bob.id()), ErrorCode.CONFLICT).message())
                    .contains("asked already");
            bob.client().expect(new Friends.Accept(ann.id()), Ok.class);
            assertThat(bob.client().expectError(new Friends.Ask(ann.id()), ErrorCode.CONFLICT).message())
                    .contains("friends already");
            guest.client().expectError(new Friends.Ask(ann.id()), ErrorCode.FORBIDDEN);
            guest.client().expectError(new Friends.ListFriends(), ErrorCode.FORBIDDEN);
            guest.client().expectError(new Friends.SetPrivacy(true, null), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void aRequestMadeWhileOfflineArrivesRightAfterSignIn() throws Exception {
        String carolName;
        long carolId;
        try (SignedIn carol = user("carol")) {
            carolName = carol.auth().self().name();
            carolId = carol.id();
        }
        try (SignedIn ann = user("ann")) {
            ann.client().expect(new Friends.Ask(carolId), Ok.class);
            try (SignedIn carol = Rooms.login(server, carolName)) {
                Friends.Changed waiting = changed(carol, ann, FriendStatus.INCOMING);
                assertThat(waiting.user().user().name()).isEqualTo(ann.auth().self().name());
            }
        }
    }

    @Test
    void aNonFriendCannotDirectMessageSomeoneWhoTakesThemFromFriendsOnly() throws Exception {
        try (SignedIn ann = user("ann"); SignedIn bob = user("bob"); SignedIn friend = user("friend")) {
            befriend(ann, friend);
            assertThat(ann.client().expect(new Friends.SetPrivacy(true, null), Friends.Privacy.class))
                    .isEqualTo(new Friends.Privacy(true, false));

            ErrorReply refused = bob.client().expectError(new Chat.Send(null, ann.id(), "hi", "n1", null),
                    ErrorCode.FRIENDS_ONLY);
            assertThat(refused.message()).isEqualTo(ann.auth().self().name() + " accepts direct messages from friends only.");
            // A file is a direct message too: the same refusal before a byte travels.
            assertThat(bob.client().expectError(new Files.UploadStart(null, ann.id(), "hi.txt", 2L, null, "f1"),
                    ErrorCode.FRIENDS_ONLY).message()).isEqualTo(refused.message());
            friend.client().expect(new Chat.Send(null, ann.id(), "hi", "n2", null), Chat.Sent.class);
            // Ann may still write to anyone; only what she receives is filtered.
            ann.client().expect(new Chat.Send(null, bob.id(), "hello", "n3", null), Chat.Sent.class);

            ann.client().expect(new Friends.SetPrivacy(false, null), Friends.Privacy.class);
            bob.client().expect(new Chat.Send(null, ann.id(), "hi", "n4", null), Chat.Sent.class);
        }
    }

    @Test
    void presenceForFriendsOnlyLooksOfflineToEveryoneElse() throws Exception {
        try (SignedIn eve = user("eve"); SignedIn stranger = user("stranger"); SignedIn friend = user("friend")) {
            befriend(eve, friend);
            eve.client().expect(new Friends.SetPrivacy(null, true), Friends.Privacy.class);
            // The stranger, who saw her online, is told she went offline; the friend is told nothing new.
            UserState gone = stranger.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == eve.id() && e.user().presence() == Presence.OFFLINE).user();
            assertThat(gone.channelId()).isNull();
            assertThat(gone.lastSeen()).isNull();

            assertThat(seenOnline(stranger)).doesNotContain(eve.id());
            assertThat(seenOnline(friend)).contains(eve.id());
            assertThat(memberState(stranger, eve).presence()).isEqualTo(Presence.OFFLINE);
            assertThat(memberState(friend, eve).presence()).isEqualTo(Presence.ONLINE);

            int before = stranger.client().events(Users.StateChanged.class).size();
            eve.client().expect(new Session.SetPresence(Presence.BUSY), Ok.class);
            friend.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == eve.id() && e.user().presence() == Presence.BUSY);
            stranger.client().expect(new Session.Ping(), Session.Pong.class);
            assertThat(stranger.client().events(Users.StateChanged.class)).hasSize(before);

            // Becoming friends shows her to the former stranger at once.
            stranger.client().expect(new Friends.Ask(eve.id()), Ok.class);
            eve.client().expect(new Friends.Accept(stranger.id()), Ok.class);
            stranger.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == eve.id() && e.user().presence() == Presence.BUSY);
            assertThat(seenOnline(stranger)).contains(eve.id());
        }
    }

    @Test
    void aFriendsOnlyUserSigningInIsAnnouncedToFriendsOnly() throws Exception {
        String eveName;
        long eveId;
        try (SignedIn eve = user("eve")) {
            eveName = eve.auth().self().name();
            eveId = eve.id();
            eve.client().expect(new Friends.SetPrivacy(null, true), Friends.Privacy.class);
        }
        try (SignedIn stranger = user("stranger"); SignedIn friend = user("friend")) {
            try (SignedIn eve = Rooms.login(server, eveName)) {
                befriend(eve, friend);
            }
            try (SignedIn eve = Rooms.login(server, eveName)) {
                friend.client().awaitEvent(Users.Moved.class, e -> e.userId() == eveId);
                assertThat(eve.client().expect(new Friends.SetPrivacy(null, null), Friends.Privacy.class))
                        .isEqualTo(new Friends.Privacy(false, true));
                stranger.client().expect(new Session.Ping(), Session.Pong.class);
                assertThat(stranger.client().events(Users.Moved.class)).noneMatch(e -> e.userId() == eveId);
                assertThat(stranger.client().events(Users.StateChanged.class)).noneMatch(e -> e.user().id() == eveId);
            }
        }
    }

    private static SignedIn user(String prefix) throws InterruptedException {
        return Rooms.register(server, prefix + NAMES.incrementAndGet());
    }

    private static void befriend(SignedIn a, SignedIn b) throws InterruptedException {
        a.client().expect(new Friends.Ask(b.id()), Ok.class);
        b.client().expect(new Friends.Accept(a.id()), Ok.class);
    }

    private static Friends.Changed changed(SignedIn to, SignedIn about, FriendStatus status) {
        return to.client().awaitEvent(Friends.Changed.class, e -> e.user().id() == about.id() && e.status() == status);
    }

    private static void awaitStatuses(SignedIn to, SignedIn about, FriendStatus... statuses) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(to.client().events(Friends.Changed.class).stream().filter(e -> e.user().id() == about.id())
                        .map(Friends.Changed::status)).containsExactly(statuses));
    }

    private static List<Friends.Entry> list(SignedIn who) throws InterruptedException {
        return who.client().expect(new Friends.ListFriends(), Friends.FriendList.class).friends();
    }

    private static List<Long> seenOnline(SignedIn viewer) throws InterruptedException {
        return viewer.client().expect(new Directory.ListUsers(null, null), Directory.UserPage.class).users().stream()
                .map(UserState::id).toList();
    }

    private static UserState memberState(SignedIn viewer, SignedIn subject) throws InterruptedException {
        return viewer.client().expect(new Directory.ListMembers(null, null), Directory.MemberPage.class).members()
                .stream().filter(m -> m.id() == subject.id()).findFirst().orElseThrow();
    }
}
