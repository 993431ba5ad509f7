package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.db.Database;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Sign-in's unread counts stop at the cap, so their cost does not grow with history (issue 13: a reader's
 * sign-in took over 10 s at a million messages), and stay exact below it. On H2 and, with
 * {@code -Dparley.test.database=postgresql}, on PostgreSQL.
 */
@Timeout(60)
class UnreadCounterTest {
    private static final ConversationKey LOBBY = ConversationKey.channel(ChannelRepository.LOBBY_ID);

    private final Database db = dev.parley.server.support.TestDatabases.fresh();
    private final ChatRepository chat = new ChatRepository();
    private final UnreadCounter counter = new UnreadCounter(Limits.UNREAD_COUNT_CAP);
    private Author alice;
    private Author bob;
    private Author carol;

    @BeforeEach
    void createAccounts() {
        AccountRepository accounts = new AccountRepository();
        alice = author(db.transact(c -> accounts.create(c, "alice", "h", Role.MEMBER)).id(), "alice");
        bob = author(db.transact(c -> accounts.create(c, "bob", "h", Role.MEMBER)).id(), "bob");
        carol = author(db.transact(c -> accounts.create(c, "carol", "h", Role.MEMBER)).id(), "carol");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void moreUnreadThanTheCapReportsTheCapAsCappedAndFewerReportsExactly() {
        int cap = Limits.UNREAD_COUNT_CAP;
        List<StoredMessage> lobby = send(LOBBY, alice, cap + 5, "lobby");
        send(ConversationKey.direct(alice.accountId(), bob.accountId()), alice, 7, "dm");

        Map<ConversationKey, UnreadCounter.Tally> unread = count(bob);

        assertThat(unread.get(LOBBY)).isEqualTo(new UnreadCounter.Tally(cap, true, last(lobby), 0));
        UnreadCounter.Tally dm = unread.get(ConversationKey.direct(alice.accountId(), bob.accountId()));
        assertThat(dm.count()).isEqualTo(7);
        assertThat(dm.capped()).isFalse();
        // the ChatRepository view sign-in used before gives the same capped numbers
        Map<ConversationKey, Integer> viaRepository =
                db.transact(c -> chat.unreadCounts(c, bob.accountId(), List.of(ChannelRepository.LOBBY_ID)));
        assertThat(viaRepository).containsEntry(LOBBY, cap);
    }

    @Test
    void exactlyTheCapIsExactAndOneMoreIsCapped() {
        int cap = Limits.UNREAD_COUNT_CAP;
        List<StoredMessage> lobby = send(LOBBY, alice, cap, "lobby");

        assertThat(count(bob).get(LOBBY)).isEqualTo(new UnreadCounter.Tally(cap, false, last(lobby), 0));

        List<StoredMessage> more = send(LOBBY, alice, 1, "more");
        assertThat(count(bob).get(LOBBY)).isEqualTo(new UnreadCounter.Tally(cap, true, last(more), 0));
    }

    @Test
    void readingResetsTheCountAndBelowTheCapItIsExactAgain() {
        int cap = Limits.UNREAD_COUNT_CAP;
        List<StoredMessage> lobby = send(LOBBY, alice, cap + 50, "lobby");
        assertThat(count(bob).get(LOBBY).capped()).isTrue();

        // read up to 30 messages before the end: 30 unread, counted exactly
        long marker = lobby.get(lobby.size() - 31).id();
        db.transact(c -> chat.markRead(c, bob.accountId(), LOBBY, marker));
        assertThat(count(bob).get(LOBBY)).isEqualTo(new UnreadCounter.Tally(30, false, last(lobby), marker));

        db.transact(c -> chat.markRead(c, bob.accountId(), LOBBY, last(lobby)));
        assertThat(count(bob)).doesNotContainKey(LOBBY);
    }

    @Test
    void ownAndDeletedMessagesDoNotCountAndAWalkStoppedByThemSaysAtLeast() {
        UnreadCounter small = new UnreadCounter(5);
        List<StoredMessage> others = send(LOBBY, alice, 3, "alice");
        StoredMessage gone = others.get(1);
        db.transact(c -> chat.softDelete(c, gone.id()));

        assertThat(countWith(small, bob).get(LOBBY)).isEqualTo(new UnreadCounter.Tally(2, false, last(others), 0));

        // bob then writes six himself without marking anything read: the walk looks at the newest 6 messages
        // (cap + 1), finds none of them unread for bob, and so cannot tell what lies further back
        send(LOBBY, bob, 6, "bob");
        List<StoredMessage> newer = send(LOBBY, alice, 1, "alice-again");
        assertThat(countWith(small, bob).get(LOBBY)).isEqualTo(new UnreadCounter.Tally(1, true, last(newer), 0));
    }

    @Test
    void directConversationsAreFoundOnBothSidesAndTheNewestComesFirst() {
        ConversationKey aliceBob = ConversationKey.direct(alice.accountId(), bob.accountId());
        ConversationKey bobCarol = ConversationKey.direct(bob.accountId(), carol.accountId());
        ConversationKey aliceCarol = ConversationKey.direct(alice.accountId(), carol.accountId());
        send(aliceBob, alice, 2, "ab");
        send(aliceCarol, alice, 4, "ac"); // not bob's: never counted for him
        send(LOBBY, carol, 1, "lobby");
        send(bobCarol, carol, 3, "bc");

        Map<ConversationKey, UnreadCounter.Tally> unread = count(bob);

        assertThat(unread.keySet()).containsExactly(bobCarol, LOBBY, aliceBob);
        assertThat(unread.get(bobCarol).count()).isEqualTo(3);
        assertThat(unread.get(aliceBob).count()).isEqualTo(2);
        List<Long> peers = db.transact(c -> UnreadCounter.directPeers(c, bob.accountId()));
        assertThat(peers).containsExactlyInAnyOrder(alice.accountId(), carol.accountId());
        // a channel bob may not read is not counted
        Map<ConversationKey, UnreadCounter.Tally> noChannels = db.transact(c -> counter.count(c, bob.accountId(), List.of()));
        assertThat(noChannels).doesNotContainKey(LOBBY).containsKeys(bobCarol, aliceBob);
    }

    private Map<ConversationKey, UnreadCounter.Tally> count(Author reader) {
        return countWith(counter, reader);
    }

    private Map<ConversationKey, UnreadCounter.Tally> countWith(UnreadCounter unread, Author reader) {
        return db.transact(c -> unread.count(c, reader.accountId(), List.of(ChannelRepository.LOBBY_ID)));
    }

    private List<StoredMessage> send(ConversationKey conversation, Author author, int count, String prefix) {
        return db.transact(c -> {
            List<StoredMessage> sent = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(chat.insert(c, conversation, author, prefix + " " + i, null, prefix + "-" + i).message());
            }
            return sent;
        });
    }

    private static long last(List<StoredMessage> messages) {
        return messages.get(messages.size() - 1).id();
    }

    private static Author author(long id, String name) {
        return Author.account(id, name);
    }
}
