package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 10: a channel a role may not {@code enter} is hidden from it, yet today its name
 * and description reach everyone (in {@code auth.ok} and every channel event).
 */
@Timeout(60)
class HiddenChannelsTest {
    @TempDir
    Path data;
    ParleyServer server;
    SignedIn admin;
    SignedIn member;
    ChannelInfo staff;

    @BeforeEach
    void start() throws Exception {
        server = Rooms.start(data);
        admin = Rooms.register(server, "admin");
        member = Rooms.register(server, "member");
        staff = admin.client().expect(new Channels.Create(null, "Staff", "where we plan the purge", null, null),
                Channels.Created.class).channel();
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, false), Ok.class);
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.GUEST, Permission.ENTER, false), Ok.class);
    }

    @AfterEach
    void stop() {
        admin.close();
        member.close();
        server.close();
    }

    /** Channel events reach a client in order: once this later public channel arrives, earlier ones would have too. */
    private ChannelInfo barrier(String name) throws InterruptedException {
        ChannelInfo marker = admin.client().expect(new Channels.Create(null, name, "", null, null),
                Channels.Created.class).channel();
        member.client().awaitEvent(Channels.Added.class, e -> e.channel().id() == marker.id());
        return marker;
    }

    @Test
    void whoCannotEnterNeverLearnsTheNameOrDescription() throws Exception {
        member.client().awaitEvent(Channels.Removed.class, e -> e.channelId() == staff.id());
        ChannelInfo secret = admin.client().expect(new Channels.Create(staff.id(), "Purge list", "names", null, null),
                Channels.Created.class).channel();
        admin.client().expect(new Channels.Update(staff.id(), "Staff room", "new plans", null, null), Ok.class);
        admin.client().expect(new Channels.SetPassword(staff.id(), "hush-hush"), Ok.class);
        barrier("Public");

        assertThat(member.client().events(Channels.Added.class)).noneMatch(e -> e.channel().id() == secret.id());
        assertThat(member.client().events(Channels.Updated.class)).noneMatch(e -> e.channel().id() == staff.id());
        try (SignedIn late = Rooms.guest(server, "Late")) {
            List<Long> ids = late.auth().channels().stream().map(ChannelInfo::id).toList();
            assertThat(ids).doesNotContain(staff.id(), secret.id()).contains(1L);
        }
        try (SignedIn again = Rooms.register(server, "another")) {
            assertThat(again.auth().channels()).noneMatch(c -> c.name().contains("Staff") || c.name().contains("Purge"));
        }
        member.client().expectError(new Channels.Join(staff.id(), "hush-hush"), ErrorCode.FORBIDDEN);
        member.client().expectError(new Chat.History(secret.id(), null, null, null), ErrorCode.FORBIDDEN);
        assertThat(admin.auth().channels()).isNotNull();
    }

    @Test
    void grantingEnterOrAHigherRoleRevealsTheChannelsParentsFirst() throws Exception {
        member.client().awaitEvent(Channels.Removed.class, e -> e.channelId() == staff.id());
        ChannelInfo secret = admin.client().expect(new Channels.Create(staff.id(), "Purge list", "names", null, null),
                Channels.Created.class).channel();

        admin.client().expect(new Users.SetRole(member.id(), Role.MODERATOR), Ok.class);

        member.client().awaitEvent(Channels.Added.class, e -> e.channel().id() == secret.id());
        List<Long> added = member.client().events(Channels.Added.class).stream().map(e -> e.channel().id()).toList();
        assertThat(added.indexOf(staff.id())).as("parent before child").isLessThan(added.indexOf(secret.id()));

        admin.client().expect(new Users.SetRole(member.id(), Role.MEMBER), Ok.class);
        member.client().awaitEvent(Channels.Removed.class, e -> e.channelId() == secret.id());
        admin.client().expect(new Channels.SetPermission(staff.id(), Role.MEMBER, Permission.ENTER, null), Ok.class);
        member.client().awaitEvent(Channels.Added.class, e -> e.channel().id() == staff.id()
                && added.size() < member.client().events(Channels.Added.class).size());
    }

    @Test
    void movingAChannelUnderAHiddenOneHidesIt() throws Exception {
        ChannelInfo games = barrier("Games");
        admin.client().expect(new Channels.Update(games.id(), null, null, staff.id(), null), Ok.class);

        member.client().awaitEvent(Channels.Removed.class, e -> e.channelId() == games.id());
        admin.client().expect(new Channels.Delete(staff.id()), Ok.class);
        // Its sub-channel moves up to the lobby and comes back into view.
        member.client().awaitEvent(Channels.Added.class, e -> e.channel().id() == games.id()
                && e.channel().parentId() == 1L);
    }
}
