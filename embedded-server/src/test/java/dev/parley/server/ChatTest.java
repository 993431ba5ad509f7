package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.model.ReactionCount;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChatTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;
    ParleyServer server;
    SignedIn ann;
    SignedIn bob;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        ann = Rooms.register(server, "ann");
        bob = Rooms.register(server, "bob");
    }

    @AfterEach
    void stop() throws Exception {
        ann.close();
        bob.close();
        server.close();
    }

    private ChatMessage say(SignedIn who, String text) throws InterruptedException {
        return who.client().expect(new Chat.Send(LOBBY, null, text, "n-" + System.nanoTime(), null), Chat.Sent.class)
                .message();
    }

    @Test
    void channelMessageIsStoredAndDeliveredToEveryoneWhoCanRead() throws Exception {
        ChatMessage sent = say(ann, "hello lobby");

        assertThat(sent.id()).isPositive();
        assertThat(sent.authorId()).isEqualTo(ann.id());
        Chat.Posted posted = bob.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.id());
        assertThat(posted.message().text()).isEqualTo("hello lobby");
        ann.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == sent.id());
    }

    @Test
    void sendingTwiceWithSameNonceStoresOneMessage() throws Exception {
        Chat.Sent first = ann.client().expect(new Chat.Send(LOBBY, null, "once", "same-nonce", null), Chat.Sent.class);
        Chat.Sent again = ann.client().expect(new Chat.Send(LOBBY, null, "once", "same-nonce", null), Chat.Sent.class);

        assertThat(first.duplicate()).isFalse();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message().id()).isEqualTo(first.message().id());
        Chat.Page page = bob.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
        assertThat(page.messages()).extracting(ChatMessage::text).containsExactly("once");
    }

    @Test
    void historyPagesBackwardsOldestFirstWithinAPage() throws Exception {
        for (int i = 1; i <= 7; i++) {
            say(ann, "message " + i);
        }
        Chat.Page newest = bob.client().expect(new Chat.History(LOBBY, null, null, 3), Chat.Page.class);
        assertThat(newest.messages()).extracting(ChatMessage::text).containsExactly("message 5", "message 6", "message 7");
        assertThat(newest.hasMore()).isTrue();

        long before = newest.messages().get(0).id();
        Chat.Page older = bob.client().expect(new Chat.History(LOBBY, null, before, 3), Chat.Page.class);
        assertThat(older.messages()).extracting(ChatMessage::text).containsExactly("message 2", "message 3", "message 4");

        Chat.Page oldest = bob.client().expect(new Chat.History(LOBBY, null, older.messages().get(0).id(), 3), Chat.Page.class);
        assertThat(oldest.messages()).extracting(ChatMessage::text).containsExactly("message 1");
        assertThat(oldest.hasMore()).isFalse();
    }

    @Test
    void authorEditsOwnMessageAndOthersCannot() throws Exception {
        ChatMessage sent = say(ann, "teh typo");

        bob.client().expectError(new Chat.Edit(sent.id(), "vandalised"), ErrorCode.FORBIDDEN);
        ann.client().expect(new Chat.Edit(sent.id(), "the typo"), Ok.class);

        Chat.Edited edited = bob.client().awaitEvent(Chat.Edited.class, e -> e.message().id() == sent.id());
        assertThat(edited.message().text()).isEqualTo("the typo");
        assertThat(edited.message().editedTs()).isNotNull();
    }

    @Test
    void memberCannotDeleteOthersMessagesButAdminCan() throws Exception {
        ChatMessage sent = say(bob, "rude words");

        try (SignedIn cat = Rooms.register(server, "cat")) {
            cat.client().expectError(new Chat.Delete(sent.id()), ErrorCode.FORBIDDEN);
        }
        ann.client().expect(new Chat.Delete(sent.id()), Ok.class);

        bob.client().awaitEvent(Chat.Deleted.class, e -> e.messageId() == sent.id());
        Chat.Page page = bob.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
        assertThat(page.messages()).singleElement().satisfies(m -> {
            assertThat(m.deleted()).isTrue();
            assertThat(m.text()).isEmpty();
        });
    }

    @Test
    void reactionsAreCountedPerEmojiAndIdempotent() throws Exception {
        ChatMessage sent = say(ann, "pizza tonight?");

        ann.client().expect(new Chat.React(sent.id(), "🍕", true), Ok.class);
        bob.client().expect(new Chat.React(sent.id(), "🍕", true), Ok.class);
        bob.client().expect(new Chat.React(sent.id(), "🍕", true), Ok.class);
        bob.client().expect(new Chat.React(sent.id(), "👍", true), Ok.class);
        ann.client().awaitEvent(Chat.ReactionsChanged.class, e -> e.reactions().size() == 2);

        bob.client().expect(new Chat.React(sent.id(), "👍", false), Ok.class);
        Chat.Page page = ann.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
        assertThat(page.messages().get(0).reactions()).singleElement().satisfies(r -> {
            assertThat(r.emoji()).isEqualTo("🍕");
            assertThat(r.count()).isEqualTo(2);
            assertThat(r.me()).isTrue();
        });
        Directory.ReactorPage who = ann.client().expect(new Directory.ListReactors(sent.id(), "🍕", null, null),
                Directory.ReactorPage.class);
        assertThat(who.users()).extracting(u -> u.id()).containsExactlyInAnyOrder(ann.id(), bob.id());
        assertThat(who.total()).isEqualTo(2);
        assertThat(who.hasMore()).isFalse();
    }

    @Test
    void reactionEventsTellEachReaderWhetherTheyReacted() throws Exception {
        ChatMessage sent = say(ann, "cake?");

        bob.client().expect(new Chat.React(sent.id(), "🎂", true), Ok.class);

        assertThat(bob.client().awaitEvent(Chat.ReactionsChanged.class, e -> e.messageId() == sent.id()).reactions())
                .containsExactly(new ReactionCount("🎂", 1, true));
        assertThat(ann.client().awaitEvent(Chat.ReactionsChanged.class, e -> e.messageId() == sent.id()).reactions())
                .containsExactly(new ReactionCount("🎂", 1, false));
    }

    @Test
    void aMessageCarriesAtMostTwentyDifferentEmoji() throws Exception {
        ChatMessage sent = say(ann, "vote with emoji");
        for (int i = 0; i < Limits.MAX_REACTION_EMOJI; i++) {
            ann.client().expect(new Chat.React(sent.id(), "e" + i, true), Ok.class);
        }

        ErrorReply refused = bob.client().expectError(new Chat.React(sent.id(), "one-too-many", true), ErrorCode.LIMIT_REACHED);

        assertThat(refused.message()).contains("20");
        bob.client().expect(new Chat.React(sent.id(), "e0", true), Ok.class); // joining an existing one still works
    }

    @Test
    void replyPointsAtAMessageInTheSameConversation() throws Exception {
        ChatMessage question = say(ann, "who brings snacks?");

        Chat.Sent answer = bob.client().expect(new Chat.Send(LOBBY, null, "me", "r1", question.id()), Chat.Sent.class);

        assertThat(answer.message().replyTo()).isEqualTo(question.id());
        bob.client().expectError(new Chat.Send(LOBBY, null, "lost", "r2", 999_999L), ErrorCode.NOT_FOUND);
    }

    @Test
    void directMessagesReachOnlyTheTwoPeople() throws Exception {
        try (SignedIn eve = Rooms.register(server, "eve")) {
            ChatMessage dm = ann.client().expect(new Chat.Send(null, bob.id(), "psst", "dm1", null), Chat.Sent.class).message();
            assertThat(dm.toUserId()).isEqualTo(bob.id());
            bob.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == dm.id());

            Chat.Page bobsView = bob.client().expect(new Chat.History(null, ann.id(), null, null), Chat.Page.class);
            assertThat(bobsView.messages()).extracting(ChatMessage::text).containsExactly("psst");
            Chat.Page evesView = eve.client().expect(new Chat.History(null, ann.id(), null, null), Chat.Page.class);
            assertThat(evesView.messages()).isEmpty();
            eve.client().expectError(new Chat.React(dm.id(), "👀", true), ErrorCode.NOT_FOUND);
            eve.client().expectError(new Chat.Delete(dm.id()), ErrorCode.NOT_FOUND);
            assertThat(eve.client().events(Chat.Posted.class)).noneMatch(e -> e.message().id() == dm.id());
        }
    }

    @Test
    void guestsCannotUseDirectMessages() throws Exception {
        try (SignedIn guest = Rooms.guest(server, "visitor")) {
            guest.client().expectError(new Chat.Send(null, ann.id(), "hi", "g1", null), ErrorCode.FORBIDDEN);
            Chat.Sent inLobby = guest.client().expect(new Chat.Send(LOBBY, null, "hi all", "g2", null), Chat.Sent.class);
            assertThat(inLobby.message().authorId()).isEqualTo(guest.id());
        }
    }

    @Test
    void unreadCountsAtSignInFollowTheReadMarker() throws Exception {
        bob.close();
        ChatMessage first = say(ann, "one");
        say(ann, "two");
        ann.client().expect(new Chat.Send(null, 2L, "private", "d", null), Chat.Sent.class);

        try (SignedIn back = Rooms.login(server, "bob")) {
            assertThat(back.auth().unread()).containsExactlyInAnyOrder(
                    new UnreadCount(LOBBY, null, 2, 0), new UnreadCount(null, ann.id(), 1, 0));
            back.client().expect(new Chat.MarkRead(LOBBY, null, first.id()), Ok.class);
        }
        try (SignedIn again = Rooms.login(server, "bob")) {
            assertThat(again.auth().unread()).contains(new UnreadCount(LOBBY, null, 1, first.id()));
        }
        bob = Rooms.login(server, "bob");
    }

    @Test
    void typingIndicatorShowsAndExpiresByItself() throws Exception {
        bob.client().expect(new Chat.Typing(LOBBY, null), Ok.class);

        Chat.TypingChanged started = ann.client().awaitEvent(Chat.TypingChanged.class, e -> e.active());
        assertThat(started.userId()).isEqualTo(bob.id());
        assertThat(started.expiresInMs()).isPositive();
        ann.client().awaitEvent(Chat.TypingChanged.class, e -> !e.active() && e.userId() == bob.id());
        assertThat(bob.client().events(Chat.TypingChanged.class)).isEmpty();
    }

    @Test
    void sendingAMessageStopsTheTypingIndicator() throws Exception {
        try (ParleyServer slow = ParleyServer.start(Rooms.config(data.resolve("slow"))
                .typingExpiry(java.time.Duration.ofMinutes(1)).build());
             SignedIn a = Rooms.register(slow, "ann"); SignedIn b = Rooms.register(slow, "bob")) {
            b.client().expect(new Chat.Typing(LOBBY, null), Ok.class);
            a.client().awaitEvent(Chat.TypingChanged.class, Chat.TypingChanged::active);

            b.client().expect(new Chat.Send(LOBBY, null, "done typing", "t", null), Chat.Sent.class);
            a.client().awaitEvent(Chat.TypingChanged.class, e -> !e.active());
        }
    }

    @Test
    void catchUpReturnsEverythingSinceTheLastSeenIdThatICanRead() throws Exception {
        long lastSeen = bob.auth().lastMessageId();
        bob.close();
        say(ann, "while you were away");
        ann.client().expect(new Chat.Send(null, bob.id(), "for you", "dm", null), Chat.Sent.class);
        try (SignedIn eve = Rooms.register(server, "eve")) {
            eve.client().expect(new Chat.Send(null, ann.id(), "not for bob", "e", null), Chat.Sent.class);
        }

        bob = Rooms.login(server, "bob");
        Chat.Page missed = bob.client().expect(new Chat.CatchUp(lastSeen, null), Chat.Page.class);

        assertThat(missed.messages()).extracting(ChatMessage::text).containsExactly("while you were away", "for you");
        assertThat(missed.hasMore()).isFalse();
    }

    @Test
    void messageToAMissingChannelIsNotFound() throws Exception {
        ann.client().expectError(new Chat.Send(42L, null, "anyone?", "x", null), ErrorCode.NOT_FOUND);
        ann.client().expectError(new Chat.History(42L, null, null, null), ErrorCode.NOT_FOUND);
    }

    @Test
    void manyMessagesArriveInIdOrder() throws Exception {
        for (int i = 0; i < 50; i++) {
            ann.client().send(new Chat.Send(LOBBY, null, "burst " + i, "b" + i, null));
        }
        await().until(() -> bob.client().events(Chat.Posted.class).size() == 50);
        List<Long> ids = bob.client().events(Chat.Posted.class).stream().map(e -> e.message().id()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }
}
