package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ChannelsTest {
    static final long LOBBY = 1;

    @TempDir
    Path data;
    ParleyServer server;
    SignedIn admin;
    SignedIn member;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        admin = Rooms.register(server, "admin");
        member = Rooms.register(server, "member");
    }

    @AfterEach
    void stop() throws Exception {
        admin.close();
        member.close();
        server.close();
    }

    private ChannelInfo create(String name, Long parent, String password) throws InterruptedException {
        return admin.client().expect(new Channels.Create(parent, name, "about " + name, null, password),
                Channels.Created.class).channel();
    }

    @Test
    void adminCreatesAChannelEveryoneSees() throws Exception {
        ChannelInfo games = create("Games", null, null);

        assertThat(games.parentId()).isEqualTo(LOBBY);
        assertThat(member.client().awaitEvent(Channels.Added.class, e -> e.channel().id() == games.id()).channel().name())
                .isEqualTo("Games");
    }

    @Test
    void memberMayNotCreateRenameOrDeleteChannels() throws Exception {
        ChannelInfo games = create("Games", null, null);

        member.client().expectError(new Channels.Create(null, "Mine", null, null, null), ErrorCode.FORBIDDEN);
        member.client().expectError(new Channels.Update(games.id(), "Renamed", null, null, null), ErrorCode.FORBIDDEN);
        member.client().expectError(new Channels.Delete(games.id()), ErrorCode.FORBIDDEN);
    }

    @Test
    void channelsRenameAndMoveWithinTheTree() throws Exception {
        ChannelInfo games = create("Games", null, null);
        ChannelInfo shooters = create("Shooters", games.id(), null);
        ChannelInfo music = create("Music", null, null);

        admin.client().expect(new Channels.Update(shooters.id(), "FPS", null, music.id(), 3), Ok.class);

        Channels.Updated updated = member.client().awaitEvent(Channels.Updated.class, e -> e.channel().id() == shooters.id());
        assertThat(updated.channel().name()).isEqualTo("FPS");
        assertThat(updated.channel().parentId()).isEqualTo(music.id());
        assertThat(updated.channel().position()).isEqualTo(3);
        admin.client().expectError(new Channels.Update(music.id(), null, null, shooters.id(), null), ErrorCode.CONFLICT);
    }

    @Test
    void deletingAChannelMovesItsMembersToTheLobbyAndItsChildrenUp() throws Exception {
        ChannelInfo games = create("Games", null, null);
        ChannelInfo shooters = create("Shooters", games.id(), null);
        member.client().expect(new Channels.Join(games.id(), null), Ok.class);

        admin.client().expect(new Channels.Delete(games.id()), Ok.class);

        member.client().awaitEvent(Channels.Removed.class, e -> e.channelId() == games.id());
        member.client().awaitEvent(Users.Moved.class, e -> e.userId() == member.id() && e.toChannelId() == LOBBY);
        member.client().awaitEvent(Channels.Updated.class,
                e -> e.channel().id() == shooters.id() && e.channel().parentId() == LOBBY);
        admin.client().expectError(new Channels.Delete(LOBBY), ErrorCode.FORBIDDEN);
    }

    @Test
    void joiningAChannelIsSeenByEveryone() throws Exception {
        ChannelInfo games = create("Games", null, null);

        member.client().expect(new Channels.Join(games.id(), null), Ok.class);

        Users.Moved moved = admin.client().awaitEvent(Users.Moved.class,
                e -> e.userId() == member.id() && e.toChannelId() == games.id());
        assertThat(moved.fromChannelId()).isEqualTo(LOBBY);
        assertThat(moved.toChannelId()).isEqualTo(games.id());
    }

    @Test
    void passwordProtectedChannelNeedsThePassword() throws Exception {
        ChannelInfo secret = create("Secret", null, "open sesame");
        assertThat(secret.passwordProtected()).isTrue();

        member.client().expectError(new Channels.Join(secret.id(), null), ErrorCode.CHANNEL_PASSWORD);
        member.client().expectError(new Channels.Join(secret.id(), "guess"), ErrorCode.CHANNEL_PASSWORD);
        member.client().expect(new Channels.Join(secret.id(), "open sesame"), Ok.class);

        admin.client().expect(new Channels.SetPassword(secret.id(), null), Ok.class);
        assertThat(member.client().awaitEvent(Channels.Updated.class, e -> e.channel().id() == secret.id()
                && !e.channel().passwordProtected())).isNotNull();
    }

    @Test
    void channelOverrideCanSilenceGuestsInOneChannel() throws Exception {
        ChannelInfo announcements = create("Announcements", null, null);
        admin.client().expect(new Channels.SetPermission(announcements.id(), Role.GUEST, Permission.WRITE, false), Ok.class);

        try (SignedIn guest = Rooms.guest(server, "visitor")) {
            guest.client().expectError(new Chat.Send(announcements.id(), null, "hi", "g", null), ErrorCode.FORBIDDEN);
            guest.client().expect(new Chat.Send(LOBBY, null, "hi", "g2", null), Chat.Sent.class);
        }
        member.client().expect(new Chat.Send(announcements.id(), null, "members may", "m", null), Chat.Sent.class);
    }

    @Test
    void hiddenChannelCannotBeEnteredOrRead() throws Exception {
        ChannelInfo staff = create("Staff", null, null);
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);
        admin.client().expect(new Chat.Send(staff.id(), null, "staff only", "s", null), Chat.Sent.class);

        member.client().expectError(new Channels.Join(staff.id(), null), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.History(staff.id(), null, null, null), ErrorCode.FORBIDDEN);
        assertThat(member.client().events(Chat.Posted.class)).isEmpty();
    }

    @Test
    void adminPromotesAModeratorWhoCanThenMoveAndMuteMembers() throws Exception {
        try (SignedIn third = Rooms.register(server, "third")) {
            member.client().expectError(new Users.Mute(third.id(), true), ErrorCode.FORBIDDEN);

            admin.client().expect(new Users.SetRole(member.id(), Role.MODERATOR), Ok.class);
            member.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().id() == member.id() && e.user().user().role() == Role.MODERATOR);

            ChannelInfo games = create("Games", null, null);
            member.client().expect(new Users.Move(third.id(), games.id()), Ok.class);
            third.client().awaitEvent(Users.Moved.class, e -> e.userId() == third.id() && e.toChannelId() == games.id());
            member.client().expect(new Users.Mute(third.id(), true), Ok.class);
            admin.client().awaitEvent(Users.StateChanged.class, e -> e.user().id() == third.id() && e.user().muted());
            member.client().expectError(new Users.Kick(admin.id(), null), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void kickedUserIsToldWhyAndDisconnected() throws Exception {
        member.client().send(new Session.Ping());
        admin.client().expect(new Users.Kick(member.id(), "spamming"), Ok.class);

        Session.Closing closing = member.client().awaitEvent(Session.Closing.class, e -> true);
        assertThat(closing.message()).contains("spamming");
        Awaitility.await().until(() -> member.client().isClosed());
        assertThat(member.client().closeCode()).isEqualTo(4001);
    }

    @Test
    void onlyAdminsChangeRoles() throws Exception {
        member.client().expectError(new Users.SetRole(admin.id(), Role.MEMBER), ErrorCode.FORBIDDEN);
        admin.client().expectError(new Users.SetRole(admin.id(), Role.MEMBER), ErrorCode.FORBIDDEN);
    }
}
