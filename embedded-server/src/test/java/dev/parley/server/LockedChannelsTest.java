package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks on password-protected channels' text (issue 11, item 3) and on revoked {@code write}
 * (item 10): each reproduces what an outsider on today's server could do.
 */
@Timeout(60)
class LockedChannelsTest {
    static final long LOBBY = 1;
    static final String SECRET = "meeple";

    @TempDir
    Path data;
    ParleyServer server;
    SignedIn admin;
    SignedIn member;
    SignedIn guest;
    ChannelInfo vault;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        admin = Rooms.register(server, "admin");
        member = Rooms.register(server, "member");
        guest = Rooms.guest(server, "Visitor");
        vault = admin.client().expect(new Channels.Create(null, "Vault", "", null, SECRET), Channels.Created.class)
                .channel();
    }

    @AfterEach
    void stop() {
        admin.close();
        member.close();
        guest.close();
        server.close();
    }

    private ChatMessage post(SignedIn who, long channelId, String text) throws InterruptedException {
        return who.client().expect(new Chat.Send(channelId, null, text, UUID.randomUUID().toString(), null),
                Chat.Sent.class).message();
    }

    /**
     * Events reach each client in the order the room sent them, so once a later lobby message has
     * arrived, an earlier event that did not arrive never will.
     */
    private void barrier(SignedIn... readers) throws InterruptedException {
        ChatMessage marker = post(admin, LOBBY, "barrier " + UUID.randomUUID());
        for (SignedIn reader : readers) {
            reader.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == marker.id());
        }
    }

    private static boolean saw(TestClient client, ChatMessage message) {
        return client.events(Chat.Posted.class).stream().anyMatch(e -> e.message().id() == message.id());
    }

    @Test
    void outsidersNeitherReadNorPostNorHearALockedChannel() throws Exception {
        ChatMessage secret = post(admin, vault.id(), "the combination is 1234");

        guest.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        guest.client().expectError(new Chat.Send(vault.id(), null, "let me in", "g-1", null), ErrorCode.FORBIDDEN);
        guest.client().expectError(new Chat.Typing(vault.id(), null), ErrorCode.FORBIDDEN);
        guest.client().expectError(new Chat.React(secret.id(), "👍", true), ErrorCode.NOT_FOUND);
        Chat.Page caughtUp = guest.client().expect(new Chat.CatchUp(0L, null), Chat.Page.class);
        assertThat(caughtUp.messages()).noneMatch(m -> m.id() == secret.id());

        admin.client().expect(new Chat.Typing(vault.id(), null), Ok.class);
        admin.client().expect(new Chat.React(secret.id(), "🔒", true), Ok.class);
        barrier(guest, member);

        assertThat(saw(guest.client(), secret)).as("guest got the locked channel's live message").isFalse();
        assertThat(saw(member.client(), secret)).as("member got the locked channel's live message").isFalse();
        assertThat(guest.client().events(Chat.TypingChanged.class)).noneMatch(e -> e.channelId() != null
                && e.channelId() == vault.id());
        assertThat(guest.client().events(Chat.ReactionsChanged.class)).noneMatch(e -> e.messageId() == secret.id());
    }

    @Test
    void theRightPasswordOpensTheChatAndAChangedPasswordClosesItAgain() throws Exception {
        ChatMessage before = post(admin, vault.id(), "welcome");
        member.client().expectError(new Channels.Join(vault.id(), "wrong"), ErrorCode.CHANNEL_PASSWORD);
        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);

        member.client().expect(new Channels.Join(vault.id(), SECRET), Ok.class);
        assertThat(member.client().expect(new Chat.History(vault.id(), null, null, null), Chat.Page.class).messages())
                .extracting(ChatMessage::id).contains(before.id());
        // Stepping out on one's own keeps the proof: the password still opens the chat.
        member.client().expect(new Channels.Join(LOBBY, null), Ok.class);
        ChatMessage whileOutside = post(admin, vault.id(), "still there?");
        member.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == whileOutside.id());

        admin.client().expect(new Channels.SetPassword(vault.id(), "new-combination"), Ok.class);

        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        ChatMessage afterChange = post(admin, vault.id(), "new password, new people");
        barrier(member);
        assertThat(saw(member.client(), afterChange)).as("old password still hears the channel").isFalse();
    }

    @Test
    void thoseInsideWhenThePasswordChangesKeepReading() throws Exception {
        member.client().expect(new Channels.Join(vault.id(), SECRET), Ok.class);
        admin.client().expect(new Channels.SetPassword(vault.id(), "new-combination"), Ok.class);

        ChatMessage message = post(admin, vault.id(), "you are still in here");
        member.client().awaitEvent(Chat.Posted.class, e -> e.message().id() == message.id());
        member.client().expect(new Chat.History(vault.id(), null, null, null), Chat.Page.class);
    }

    @Test
    void movedOutByAModeratorTheUserNoLongerReads() throws Exception {
        member.client().expect(new Channels.Join(vault.id(), SECRET), Ok.class);
        admin.client().expect(new dev.parley.protocol.control.message.Users.Move(member.id(), LOBBY), Ok.class);

        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        ChatMessage afterMove = post(admin, vault.id(), "now we can talk");
        barrier(member);
        assertThat(saw(member.client(), afterMove)).isFalse();
    }

    @Test
    void theProofOutlivesAReconnectAndARestartButNotAKick() throws Exception {
        member.client().expect(new Channels.Join(vault.id(), SECRET), Ok.class);
        member.client().expect(new Channels.Join(LOBBY, null), Ok.class);
        member.close();
        member = Rooms.login(server, "member");
        member.client().expect(new Chat.History(vault.id(), null, null, null), Chat.Page.class);
        admin.close();
        member.close();
        guest.close();
        server.close();
        server = Rooms.start(data);
        admin = Rooms.login(server, "admin");
        guest = Rooms.guest(server, "Visitor");
        member = Rooms.login(server, "member");
        member.client().expect(new Chat.History(vault.id(), null, null, null), Chat.Page.class);

        admin.client().expect(new dev.parley.protocol.control.message.Users.Kick(member.id(), null), Ok.class);
        member.close();
        member = Rooms.login(server, "member");

        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        ChatMessage later = post(admin, vault.id(), "after you left");
        barrier(member);
        assertThat(saw(member.client(), later)).isFalse();
    }

    @Test
    void revokingEnterCutsOffTheChat() throws Exception {
        member.client().expect(new Channels.Join(vault.id(), SECRET), Ok.class);
        admin.client().expect(new Channels.SetPermission(vault.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);

        member.client().expectError(new Chat.History(vault.id(), null, null, null), ErrorCode.FORBIDDEN);
        ChatMessage later = post(admin, vault.id(), "members out");
        barrier(member);
        assertThat(saw(member.client(), later)).isFalse();
    }

    @Test
    void revokedWriteAlsoStopsEditsReactionsAndDeletes() throws Exception {
        ChatMessage own = post(member, LOBBY, "I can still change this");
        ChatMessage other = post(admin, LOBBY, "react to me");
        admin.client().expect(new Channels.SetPermission(LOBBY, Role.MEMBER, Permission.WRITE, false), Ok.class);

        member.client().expectError(new Chat.Send(LOBBY, null, "new", "m-2", null), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.Edit(own.id(), "rewritten after the ban"), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.React(other.id(), "😈", true), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.Delete(own.id()), ErrorCode.FORBIDDEN);

        Chat.Page page = admin.client().expect(new Chat.History(LOBBY, null, null, null), Chat.Page.class);
        assertThat(page.messages()).filteredOn(m -> m.id() == own.id()).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("I can still change this"));
        assertThat(page.messages()).filteredOn(m -> m.id() == other.id()).singleElement()
                .satisfies(m -> assertThat(m.reactions()).isEmpty());
    }
}
