package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.PermissionState;
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
 * {@code channel.permissions}: whoever may change a channel's permissions can read what is in force
 * there, overrides set on the channel, those it inherits, and the defaults; nobody else can.
 */
@Timeout(60)
class ChannelPermissionsListTest {
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

    @Test
    void showsOverridesHereInheritedOnesAndDefaults() throws Exception {
        ChannelInfo games = admin.client().expect(new Channels.Create(null, "Games", null, null, null),
                Channels.Created.class).channel();
        ChannelInfo quiet = admin.client().expect(new Channels.Create(games.id(), "Quiet", null, null, null),
                Channels.Created.class).channel();
        admin.client().expect(new Channels.SetPermission(games.id(), Role.GUEST, Permission.WRITE, false), Ok.class);
        admin.client().expect(new Channels.SetPermission(quiet.id(), Role.MEMBER, Permission.SPEAK, false), Ok.class);
        admin.client().expect(new Channels.SetPermission(quiet.id(), Role.MEMBER, Permission.MOVE, true), Ok.class);

        Channels.Permissions listed = admin.client().expect(new Channels.ListPermissions(quiet.id()), Channels.Permissions.class);

        assertThat(listed.channelId()).isEqualTo(quiet.id());
        assertThat(listed.permissions()).hasSize(3 * Permission.values().length)
                .noneMatch(state -> state.role() == Role.ADMIN);
        assertThat(state(listed.permissions(), Role.MEMBER, Permission.SPEAK))
                .isEqualTo(new PermissionState(Role.MEMBER, Permission.SPEAK, false, quiet.id()));
        assertThat(state(listed.permissions(), Role.MEMBER, Permission.MOVE))
                .isEqualTo(new PermissionState(Role.MEMBER, Permission.MOVE, true, quiet.id()));
        assertThat(state(listed.permissions(), Role.GUEST, Permission.WRITE)).as("inherited from Games")
                .isEqualTo(new PermissionState(Role.GUEST, Permission.WRITE, false, games.id()));
        assertThat(state(listed.permissions(), Role.GUEST, Permission.ENTER)).as("the default")
                .isEqualTo(new PermissionState(Role.GUEST, Permission.ENTER, true, null));
        assertThat(state(listed.permissions(), Role.MODERATOR, Permission.KICK))
                .isEqualTo(new PermissionState(Role.MODERATOR, Permission.KICK, true, null));

        // Cleared: back to the default.
        admin.client().expect(new Channels.SetPermission(quiet.id(), Role.MEMBER, Permission.SPEAK, null), Ok.class);
        assertThat(state(admin.client().expect(new Channels.ListPermissions(quiet.id()), Channels.Permissions.class)
                .permissions(), Role.MEMBER, Permission.SPEAK))
                .isEqualTo(new PermissionState(Role.MEMBER, Permission.SPEAK, true, null));
    }

    @Test
    void onlyThoseWhoMayManageTheChannelMayReadIt() throws Exception {
        member.client().expectError(new Channels.ListPermissions(LOBBY), ErrorCode.FORBIDDEN);
        admin.client().expectError(new Channels.ListPermissions(9_999L), ErrorCode.NOT_FOUND);

        admin.client().expect(new Users.SetRole(member.id(), Role.MODERATOR), Ok.class);
        assertThat(member.client().expect(new Channels.ListPermissions(LOBBY), Channels.Permissions.class).permissions())
                .isNotEmpty();
    }

    private static PermissionState state(List<PermissionState> states, Role role, Permission permission) {
        return states.stream().filter(s -> s.role() == role && s.permission() == permission).findFirst().orElseThrow();
    }
}
