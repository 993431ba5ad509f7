package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chat.directs}: the DM list a client shows after signing in again holds every conversation the room
 * keeps for the account, read or not (before, it was rebuilt from this session's messages and the unread
 * counts, so a conversation read yesterday was gone).
 */
@Timeout(60)
class DirectConversationsTest {
    @TempDir
    Path data;
    ParleyServer server;
    SignedIn alice;
    SignedIn bob;
    SignedIn carol;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        alice = Rooms.register(server, "alice");
        bob = Rooms.register(server, "bob");
        carol = Rooms.register(server, "carol");
    }

    @AfterEach
    void stop() {
        alice.close();
        bob.close();
        carol.close();
        server.close();
    }

    private ChatMessage write(SignedIn from, SignedIn to, String text) throws InterruptedException {
        return from.client().expect(new Chat.Send(null, to.id(), text, "n-" + text, null), Chat.Sent.class).message();
    }

    @Test
    void everyDirectConversationIsListedNewestFirstWithWhoItIsWith() throws Exception {
        write(alice, bob, "hi bob");
        ChatMessage lastToCarol = write(carol, alice, "hi alice, carol here");
        ChatMessage lastToBob = write(bob, alice, "hi alice");
        alice.client().expect(new Chat.MarkRead(null, bob.id(), lastToBob.id()), dev.parley.protocol.control.message.Ok.class);

        Chat.Directs mine = alice.client().expect(new Chat.ListDirects(null), Chat.Directs.class);

        assertThat(mine.peers()).containsExactly(
                new Chat.DirectPeer(bob.id(), "bob", lastToBob.id()),
                new Chat.DirectPeer(carol.id(), "carol", lastToCarol.id()));
        assertThat(bob.client().expect(new Chat.ListDirects(null), Chat.Directs.class).peers())
                .as("only bob's own conversations").extracting(Chat.DirectPeer::userId).containsExactly(alice.id());
    }

    @Test
    void theListSurvivesSigningInAgainAndHonoursTheLimit() throws Exception {
        write(alice, bob, "one");
        write(alice, carol, "two");
        alice.close();

        alice = Rooms.login(server, "alice");

        assertThat(alice.client().expect(new Chat.ListDirects(null), Chat.Directs.class).peers())
                .extracting(Chat.DirectPeer::name).containsExactly("carol", "bob");
        assertThat(alice.client().expect(new Chat.ListDirects(1), Chat.Directs.class).peers())
                .extracting(Chat.DirectPeer::name).containsExactly("carol");
    }

    @Test
    void someoneWithoutConversationsAndAGuestGetAnEmptyList() throws Exception {
        write(alice, bob, "not yours");
        SignedIn guest = Rooms.guest(server, "visitor");
        try {
            assertThat(carol.client().expect(new Chat.ListDirects(null), Chat.Directs.class).peers()).isEmpty();
            assertThat(guest.client().expect(new Chat.ListDirects(null), Chat.Directs.class).peers()).isEmpty();
        } finally {
            guest.close();
        }
    }

    @Test
    void aLimitOutsideOneToAHundredIsRefusedAsAnInvalidField() throws Exception {
        String raw = "{\"type\":\"chat.directs\",\"id\":\"x1\",\"payload\":{\"limit\":0}}";
        alice.client().sendRaw(raw);
        dev.parley.protocol.control.message.Reply reply = alice.client().awaitReply("x1");
        assertThat(reply).isInstanceOfSatisfying(dev.parley.protocol.control.message.ErrorReply.class,
                error -> assertThat(error.code()).isEqualTo(dev.parley.protocol.control.ErrorCode.INVALID_FIELD));
    }
}
