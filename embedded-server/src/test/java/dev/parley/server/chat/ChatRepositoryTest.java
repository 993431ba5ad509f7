package dev.parley.server.chat;

import dev.parley.protocol.control.model.Role;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.db.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ChatRepositoryTest {

    private static final ConversationKey LOBBY = ConversationKey.channel(ChannelRepository.LOBBY_ID);

    private final Database db = dev.parley.server.support.TestDatabases.fresh();
    private final ChatRepository chat = new ChatRepository();
    private final AccountRepository accounts = new AccountRepository();
    private Author alice;
    private Author bob;
    private Account carol;

    @BeforeEach
    void createAccounts() {
        Account a = db.transact(c -> accounts.create(c, "alice", "h", Role.MEMBER));
        Account b = db.transact(c -> accounts.create(c, "bob", "h", Role.MEMBER));
        carol = db.transact(c -> accounts.create(c, "carol", "h", Role.MEMBER));
        alice = Author.account(a.id(), "alice");
        bob = Author.account(b.id(), "bob");
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void insertedMessageIsFoundById() {
        StoredMessage m = send(LOBBY, alice, "hello", "n1");

        Optional<StoredMessage> found = db.transact(c -> chat.findById(c, m.id()));
        assertThat(found).contains(m);
        assertThat(m.authorId()).isEqualTo(alice.accountId());
        assertThat(m.deleted()).isFalse();
    }

    @Test
    void sendingTwiceWithSameNonceStoresOneMessage() {
        Inserted first = db.transact(c -> chat.insert(c, LOBBY, alice, "hello", null, "n1"));
        Inserted second = db.transact(c -> chat.insert(c, LOBBY, alice, "hello again", null, "n1"));

        assertThat(first.duplicate()).isFalse();
        assertThat(second.duplicate()).isTrue();
        assertThat(second.message()).isEqualTo(first.message());
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void sameNonceFromDifferentAuthorsIsTwoMessages() {
        send(LOBBY, alice, "a", "n1");
        send(LOBBY, Author.guest("session-7", "Guest7"), "g", "n1");
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void sendingTwiceWithSameNonceFromTwoThreadsAtOnceStoresOneMessage() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String nonce = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Inserted>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return db.transact(c -> chat.insert(c, LOBBY, alice, "hi", null, nonce));
                    }));
                }
                start.countDown();
                Inserted a = results.get(0).get(10, TimeUnit.SECONDS);
                Inserted b = results.get(1).get(10, TimeUnit.SECONDS);
                assertThat(a.message().id()).isEqualTo(b.message().id());
                assertThat(List.of(a.duplicate(), b.duplicate())).containsExactlyInAnyOrder(true, false);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count()).isEqualTo(20);
    }

    @Test
    void sameNonceSubmittedTwiceThroughTheDatabaseExecutorStoresOneMessage() {
        CompletableFuture<Inserted> a = db.submit(c -> chat.insert(c, LOBBY, alice, "x", null, "dup"));
        CompletableFuture<Inserted> b = db.submit(c -> chat.insert(c, LOBBY, alice, "x", null, "dup"));
        assertThat(a.join().message().id()).isEqualTo(b.join().message().id());
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void pagingReturnsNewestFirstBeforeAnId() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(send(LOBBY, alice, "m" + i, "n" + i).id());
        }

        List<StoredMessage> newest = db.transact(c -> chat.page(c, LOBBY, null, 3));
        List<StoredMessage> older = db.transact(c -> chat.page(c, LOBBY, ids.get(7), 3));

        assertThat(newest).extracting(StoredMessage::text).containsExactly("m9", "m8", "m7");
        assertThat(older).extracting(StoredMessage::text).containsExactly("m6", "m5", "m4");
        assertThat(ids).isSorted();
    }

    @Test
    void aFullPageCanLookOneRowAheadToTellIfMoreExist() {
        for (int i = 0; i <= ChatRepository.MAX_PAGE_SIZE + 1; i++) {
            send(LOBBY, alice, "m" + i, "n" + i);
        }

        List<StoredMessage> lookingAhead = db.transact(c -> chat.page(c, LOBBY, null, ChatRepository.MAX_PAGE_SIZE + 1));
        List<StoredMessage> askingTooMuch = db.transact(c -> chat.page(c, LOBBY, null, 10_000));

        assertThat(lookingAhead).hasSize(ChatRepository.MAX_PAGE_SIZE + 1);
        assertThat(askingTooMuch).hasSize(ChatRepository.MAX_PAGE_SIZE + 1);
    }

    @Test
    void directConversationIsTheSameBothWaysAndInvisibleToOthers() {
        ConversationKey ab = ConversationKey.direct(alice.accountId(), bob.accountId());
        ConversationKey ba = ConversationKey.direct(bob.accountId(), alice.accountId());
        send(ab, alice, "hi bob", "n1");
        send(ba, bob, "hi alice", "n2");
        send(LOBBY, carol(), "public", "n3");

        List<StoredMessage> page = db.transact(c -> chat.page(c, ab, null, 50));
        List<StoredMessage> bobCatchUp = db.transact(c -> chat.since(c, 0, List.of(1L), bob.accountId(), 100));
        List<StoredMessage> carolCatchUp = db.transact(c -> chat.since(c, 0, List.of(1L), carol.id(), 100));
        List<StoredMessage> guestCatchUp = db.transact(c -> chat.since(c, 0, List.of(1L), null, 100));
        Map<ConversationKey, Integer> carolUnread = db.transact(c -> chat.unreadCounts(c, carol.id(), List.of(1L)));

        assertThat(ab).isEqualTo(ba);
        assertThat(page).extracting(StoredMessage::text).containsExactly("hi alice", "hi bob");
        assertThat(bobCatchUp).extracting(StoredMessage::text).containsExactly("hi bob", "hi alice", "public");
        assertThat(carolCatchUp).extracting(StoredMessage::text).containsExactly("public");
        assertThat(guestCatchUp).extracting(StoredMessage::text).containsExactly("public");
        assertThat(carolUnread).isEmpty();
    }

    @Test
    void catchUpOnlyReturnsVisibleChannelsAfterTheId() {
        long games = db.transact(c -> new ChannelRepository().create(c, 1L, "Games", "")).id();
        StoredMessage first = send(LOBBY, alice, "one", "n1");
        send(ConversationKey.channel(games), alice, "secret", "n2");
        send(LOBBY, alice, "three", "n3");

        List<StoredMessage> lobbyOnly = db.transact(c -> chat.since(c, first.id(), List.of(1L), null, 100));
        List<StoredMessage> nothingVisible = db.transact(c -> chat.since(c, 0, List.of(), null, 100));

        assertThat(lobbyOnly).extracting(StoredMessage::text).containsExactly("three");
        assertThat(nothingVisible).isEmpty();
    }

    @Test
    void editChangesTextAndDeleteLeavesATombstone() {
        StoredMessage m = send(LOBBY, alice, "helo", "n1");

        StoredMessage edited = db.transact(c -> chat.edit(c, m.id(), "hello")).orElseThrow();
        assertThat(edited.text()).isEqualTo("hello");
        assertThat(edited.edited()).isTrue();

        db.transact(c -> chat.addReaction(c, m.id(), "👍", "a:1"));
        StoredMessage deleted = db.transact(c -> chat.softDelete(c, m.id())).orElseThrow();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.text()).isEmpty();
        Optional<StoredMessage> editAfterDelete = db.transact(c -> chat.edit(c, m.id(), "again"));
        assertThat(editAfterDelete).isEmpty();
        List<StoredReaction> reactions = db.transact(c -> chat.reactionCounts(c, m.id()));
        assertThat(reactions).isEmpty();
        Optional<StoredMessage> missing = db.transact(c -> chat.softDelete(c, 9999));
        assertThat(missing).isEmpty();
    }

    @Test
    void reactionsAreIdempotentAndCounted() {
        StoredMessage m = send(LOBBY, alice, "vote", "n1");

        boolean first = db.transact(c -> chat.addReaction(c, m.id(), "👍", "a:1"));
        boolean again = db.transact(c -> chat.addReaction(c, m.id(), "👍", "a:1"));
        db.transact(c -> chat.addReaction(c, m.id(), "👍", "g:x"));
        db.transact(c -> chat.addReaction(c, m.id(), "🎉", "a:2"));
        List<StoredReaction> counts = db.transact(c -> chat.reactionCounts(c, m.id()));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(counts).containsExactly(
                new StoredReaction("👍", 2, List.of("a:1", "g:x")),
                new StoredReaction("🎉", 1, List.of("a:2")));

        boolean removed = db.transact(c -> chat.removeReaction(c, m.id(), "👍", "a:1"));
        boolean removedAgain = db.transact(c -> chat.removeReaction(c, m.id(), "👍", "a:1"));
        List<StoredReaction> after = db.transact(c -> chat.reactionCounts(c, m.id()));
        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(after).extracting(StoredReaction::emoji, StoredReaction::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("👍", 1), org.assertj.core.groups.Tuple.tuple("🎉", 1));
    }

    @Test
    void readMarkersOnlyMoveForwardAndUnreadCountsAreRight() {
        long bobId = bob.accountId();
        ConversationKey ab = ConversationKey.direct(alice.accountId(), bobId);
        StoredMessage m1 = send(LOBBY, alice, "1", "n1");
        StoredMessage m2 = send(LOBBY, alice, "2", "n2");
        send(LOBBY, alice, "3", "n3");
        send(LOBBY, bob, "bob's own", "n4");
        StoredMessage gone = send(LOBBY, alice, "deleted", "n5");
        db.transact(c -> chat.softDelete(c, gone.id()));
        send(ab, alice, "dm", "n6");

        Map<ConversationKey, Integer> before = db.transact(c -> chat.unreadCounts(c, bobId, List.of(1L)));
        assertThat(before).containsExactlyInAnyOrderEntriesOf(Map.of(LOBBY, 3, ab, 1));

        long marker = db.transact(c -> chat.markRead(c, bobId, LOBBY, m2.id()));
        long notBack = db.transact(c -> chat.markRead(c, bobId, LOBBY, m1.id()));
        assertThat(marker).isEqualTo(m2.id());
        assertThat(notBack).isEqualTo(m2.id());

        Map<ConversationKey, Integer> after = db.transact(c -> chat.unreadCounts(c, bobId, List.of(1L)));
        assertThat(after).containsExactlyInAnyOrderEntriesOf(Map.of(LOBBY, 1, ab, 1));
    }

    @Test
    void invalidTextIsRejected() {
        assertThatThrownBy(() -> db.transact(c -> chat.insert(c, LOBBY, alice, "x".repeat(4001), null, "n")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> db.transact(c -> chat.insert(c, LOBBY, alice, "", null, "n")))
                .isInstanceOf(IllegalArgumentException.class);
        StoredMessage longest = send(LOBBY, alice, "é".repeat(4000), "n");
        assertThat(longest.text()).hasSize(4000);
    }

    @Test
    void conversationKeysRoundTripThroughTheirStringForm() {
        assertThat(ConversationKey.parse(LOBBY.key())).isEqualTo(LOBBY);
        ConversationKey dm = ConversationKey.direct(9, 4);
        assertThat(dm.key()).isEqualTo("d:4:9");
        assertThat(ConversationKey.parse("d:4:9")).isEqualTo(dm);
        assertThatThrownBy(() -> ConversationKey.direct(3, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countMessagesCountsEverything() {
        send(LOBBY, alice, "a", "n1");
        send(LOBBY, bob, "b", "n1");
        assertThat(count()).isEqualTo(2);
    }

    private Author carol() {
        return Author.account(carol.id(), "carol");
    }

    private StoredMessage send(ConversationKey to, Author author, String text, String nonce) {
        return db.transact(c -> chat.insert(c, to, author, text, null, nonce)).message();
    }

    private long count() {
        return db.transact(chat::countMessages);
    }
}
