package dev.parley.client.core.friends;

import static dev.parley.client.core.support.Clients.await;
import static dev.parley.client.core.support.Clients.onLoop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Presence;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's friend book against a real room: requests and answers reach both books, a friend's
 * presence follows them, a request made while I was away is in my book after I sign in, and the
 * privacy options are read and changed in the room. One room for the class; each test its own accounts.
 */
class FriendBookTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    @TempDir
    static Path dir;
    private static TestRoom room;

    @BeforeAll
    static void startRoom() {
        room = TestRoom.start(dir.resolve("room"));
    }

    @AfterAll
    static void stopRoom() {
        room.close();
    }

    @Test
    void aRequestAcceptedMakesFriendsInBothBooksAndPresenceFollows() throws Exception {
        try (ControlClient ann = registered("ann1"); ControlClient bob = registered("bob1")) {
            FriendBook annBook = FriendBook.attach(ann);
            FriendBook bobBook = FriendBook.attach(bob);
            List<FriendBook.Change> annSaw = new CopyOnWriteArrayList<>();
            await().atMost(WAIT).until(() -> onLoop(ann.eventLoop(), annBook::loaded) && onLoop(bob.eventLoop(), bobBook::loaded));
            ann.eventLoop().execute(() -> annBook.onChange(annSaw::add));
            long annId = idOf(ann);
            long bobId = idOf(bob);

            await(bobBook.request(annId));
            long bobAsked = annId;
            await().atMost(WAIT).until(() -> onLoop(ann.eventLoop(), () -> annBook.status(bobId)) == FriendStatus.INCOMING);
            assertThat(onLoop(bob.eventLoop(), () -> bobBook.status(bobAsked))).isEqualTo(FriendStatus.OUTGOING);
            assertThat(annSaw).anySatisfy(change -> assertThat(change).isInstanceOfSatisfying(
                    FriendBook.Change.StatusChanged.class, status -> assertThat(status.newIncoming()).isTrue()));

            await(annBook.accept(bobId));
            await().atMost(WAIT).until(() -> onLoop(bob.eventLoop(), () -> bobBook.status(bobAsked)) == FriendStatus.FRIEND
                    && onLoop(ann.eventLoop(), () -> annBook.status(bobId)) == FriendStatus.FRIEND);
            Friends.Entry seenByAnn = onLoop(ann.eventLoop(), () -> annBook.entries().get(0));
            assertThat(seenByAnn.user().user().name()).isEqualTo("bob1");
            assertThat(seenByAnn.user().presence()).isEqualTo(Presence.ONLINE);

            await(bob.request(new Session.SetPresence(Presence.AWAY), dev.parley.protocol.control.message.Ok.class));
            await().atMost(WAIT).until(() -> onLoop(ann.eventLoop(), () -> annBook.entries().get(0).user().presence())
                    == Presence.AWAY);

            bob.close();
            await().atMost(WAIT).until(() -> onLoop(ann.eventLoop(), () -> annBook.entries().get(0).user().presence())
                    == Presence.OFFLINE);
        }
    }

    @Test
    void declinedAndCancelledRequestsLeaveBothBooks() throws Exception {
        try (ControlClient cat = registered("cat2"); ControlClient dan = registered("dan2")) {
            FriendBook catBook = FriendBook.attach(cat);
            FriendBook danBook = FriendBook.attach(dan);
            long catId = idOf(cat);
            long danId = idOf(dan);
            await().atMost(WAIT).until(() -> onLoop(cat.eventLoop(), catBook::loaded));

            await(catBook.request(danId));
            await().atMost(WAIT).until(() -> onLoop(dan.eventLoop(), () -> danBook.status(catId)) == FriendStatus.INCOMING);
            await(danBook.decline(catId));
            await().atMost(WAIT).until(() -> onLoop(cat.eventLoop(), () -> catBook.status(danId)) == FriendStatus.NONE);
            assertThat(onLoop(dan.eventLoop(), danBook::entries)).isEmpty();

            await(catBook.request(danId));
            await().atMost(WAIT).until(() -> onLoop(dan.eventLoop(), () -> danBook.status(catId)) == FriendStatus.INCOMING);
            await(catBook.cancel(danId));
            await().atMost(WAIT).until(() -> onLoop(dan.eventLoop(), () -> danBook.status(catId)) == FriendStatus.NONE);
            assertThat(onLoop(cat.eventLoop(), catBook::entries)).isEmpty();

            // Asking twice is refused by the room, in words.
            await(catBook.request(danId));
            assertThatThrownBy(() -> await(catBook.request(danId))).rootCause()
                    .isInstanceOfSatisfying(RequestFailed.class, failed -> assertThat(failed.code()).isEqualTo(ErrorCode.CONFLICT));
        }
    }

    @Test
    void aRequestMadeWhileIWasAwayIsInMyBookAfterSignIn() throws Exception {
        long eveId;
        try (ControlClient eve = registered("eve3")) {
            eveId = idOf(eve);
        }
        try (ControlClient fay = registered("fay3")) {
            await(FriendBook.attach(fay).request(eveId));
        }
        try (ControlClient eve = Clients.client(room.port())) {
            FriendBook book = FriendBook.attach(eve);
            Clients.signIn(eve, new Credentials.Login("eve3", Clients.PASSWORD));
            await().atMost(WAIT).until(() -> onLoop(eve.eventLoop(), book::loaded));
            List<Friends.Entry> entries = onLoop(eve.eventLoop(), book::entries);
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.user().user().name()).isEqualTo("fay3");
                assertThat(entry.status()).isEqualTo(FriendStatus.INCOMING);
            });
        }
    }

    @Test
    void privacyOptionsAreReadAndChangedInTheRoom() throws Exception {
        try (ControlClient gil = registered("gil4"); ControlClient hal = registered("hal4")) {
            FriendBook book = FriendBook.attach(gil);
            assertThat(await(book.privacy())).isEqualTo(new Friends.Privacy(false, false));
            assertThat(await(book.setPrivacy(true, null))).isEqualTo(new Friends.Privacy(true, false));
            assertThat(await(book.setPrivacy(null, true))).isEqualTo(new Friends.Privacy(true, true));
            assertThat(await(book.privacy())).isEqualTo(new Friends.Privacy(true, true));

            // What the option is for: hal, not a friend, may no longer write to gil.
            assertThatThrownBy(() -> await(hal.sendMessage(dev.parley.client.core.net.Conversation.direct(idOf(gil)),
                    "hi", null).delivered())).rootCause().isInstanceOfSatisfying(RequestFailed.class, failed -> {
                        assertThat(failed.code()).isEqualTo(ErrorCode.FRIENDS_ONLY);
                        assertThat(failed.getMessage()).contains("friends only");
                    });
        }
    }

    private static final java.util.Map<ControlClient, Long> IDS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A new account, signed in; its id is remembered from the sign-in. */
    private static ControlClient registered(String name) throws Exception {
        ControlClient client = Clients.client(room.port());
        IDS.put(client, Clients.signIn(client, new Credentials.Register(name, Clients.PASSWORD, null)).self().id());
        return client;
    }

    private static long idOf(ControlClient client) {
        return IDS.get(client);
    }
}
