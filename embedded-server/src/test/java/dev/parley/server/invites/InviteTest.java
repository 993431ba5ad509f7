package dev.parley.server.invites;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.registration.RegistrationMode;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Invite codes over the real protocol, in one invite-only room shared by the tests. */
@Timeout(120)
class InviteTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    @TempDir
    static Path data;
    static ParleyServer server;
    static SignedIn admin;
    static SignedIn moderator;
    static long stage;

    @BeforeAll
    static void room() throws Exception {
        server = ParleyServer.start(Rooms.config(data).registration(RegistrationMode.INVITE)
                .registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build());
        // The room's first admin may still register without a code (it claims the room).
        admin = Rooms.register(server, "boss");
        stage = admin.client().expect(new Channels.Create(null, "Stage", "", null, null), Channels.Created.class)
                .channel().id();
        String code = create(admin, new Invites.Create(1, null, null, Role.MODERATOR)).code();
        moderator = register("mod", code);
        assertThat(moderator.auth().self().role()).isEqualTo(Role.MODERATOR);
    }

    @AfterAll
    static void close() {
        moderator.close();
        admin.close();
        server.close();
    }

    @Test
    void aJoinerWithACodeGetsItsRoleAndLandsInItsChannel() throws Exception {
        InviteInfo invite = create(moderator, new Invites.Create(5, 60, stage, null));
        assertThat(invite.role()).isEqualTo(Role.MEMBER);
        assertThat(invite.code()).hasSize(22);
        assertThat(invite.expiresAt()).isBetween(System.currentTimeMillis() + 59 * 60_000L,
                System.currentTimeMillis() + 61 * 60_000L);

        try (SignedIn joiner = register(fresh("joiner"), invite.code())) {
            assertThat(joiner.auth().self().role()).isEqualTo(Role.MEMBER);
            assertThat(joiner.auth().channelId()).isEqualTo(stage);
        }
        InviteInfo listed = list(moderator).stream().filter(i -> i.id() == invite.id()).findFirst().orElseThrow();
        assertThat(listed.uses()).isEqualTo(1);
        assertThat(listed.createdBy().name()).isEqualTo("mod");
    }

    @Test
    void anInviteOnlyRoomRefusesRegistrationWithoutACode() throws Exception {
        try (TestClient stranger = TestClient.hello(server.port())) {
            ErrorReply refused = stranger.expectError(new Session.Register(fresh("stranger"), Rooms.PASSWORD, null),
                    ErrorCode.INVITE_REQUIRED);
            assertThat(refused.message()).contains("invite only");
        }
    }

    @Test
    void anUnknownCodeIsRefusedClearly() throws Exception {
        try (TestClient stranger = TestClient.hello(server.port())) {
            ErrorReply refused = stranger.expectError(new Session.Register(fresh("guesser"), Rooms.PASSWORD, null,
                    "AAAAAAAAAAAAAAAAAAAAAA"), ErrorCode.INVITE_INVALID);
            assertThat(refused.message()).contains("not known");
        }
    }

    @Test
    void aRevokedCodeIsRefusedWithAClearErrorAndLeavesTheList() throws Exception {
        InviteInfo invite = create(moderator, new Invites.Create(5, null, null, null));
        moderator.client().expect(new Invites.Revoke(invite.id()), Ok.class);

        try (TestClient late = TestClient.hello(server.port())) {
            ErrorReply refused = late.expectError(new Session.Register(fresh("late"), Rooms.PASSWORD, null, invite.code()),
                    ErrorCode.INVITE_INVALID);
            assertThat(refused.message()).contains("revoked");
        }
        assertThat(list(admin)).extracting(InviteInfo::id).doesNotContain(invite.id());
        moderator.client().expectError(new Invites.Revoke(invite.id()), ErrorCode.NOT_FOUND);
    }

    @Test
    void anInviteGrantsAtMostItsCreatorsRole() throws Exception {
        ErrorReply refused = moderator.client().expectError(new Invites.Create(1, null, null, Role.ADMIN),
                ErrorCode.FORBIDDEN);
        assertThat(refused.message()).contains("at most your own role");
        InviteInfo adminInvite = create(admin, new Invites.Create(1, null, null, Role.ADMIN));
        // Moderators neither see nor revoke invites that make admins.
        assertThat(list(moderator)).extracting(InviteInfo::id).doesNotContain(adminInvite.id());
        moderator.client().expectError(new Invites.Revoke(adminInvite.id()), ErrorCode.FORBIDDEN);
        admin.client().expect(new Invites.Revoke(adminInvite.id()), Ok.class);

        try (SignedIn member = register(fresh("member"), create(admin, new Invites.Create(1, null, null, null)).code())) {
            member.client().expectError(new Invites.Create(1, null, null, Role.MEMBER), ErrorCode.FORBIDDEN);
            member.client().expectError(new Invites.ListInvites(), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void aDemotedCreatorsInviteNoLongerGrantsWhatTheyLost() throws Exception {
        String code = create(admin, new Invites.Create(1, null, null, Role.MODERATOR)).code();
        String temp = fresh("tempmod");
        long tempId;
        try (SignedIn tempMod = register(temp, code)) {
            tempId = tempMod.id();
            code = create(tempMod, new Invites.Create(2, null, null, Role.MODERATOR)).code();
        }
        admin.client().expect(new Users.SetRole(tempId, Role.MEMBER), Ok.class);

        try (TestClient joiner = TestClient.hello(server.port())) {
            ErrorReply refused = joiner.expectError(new Session.Register(fresh("late"), Rooms.PASSWORD, null, code),
                    ErrorCode.INVITE_INVALID);
            assertThat(refused.message()).contains("may no longer grant");
        }
    }

    @Test
    void aTakenNameDoesNotSpendAUse() throws Exception {
        InviteInfo invite = create(moderator, new Invites.Create(1, null, null, null));
        try (TestClient joiner = TestClient.hello(server.port())) {
            joiner.expectError(new Session.Register("boss", Rooms.PASSWORD, null, invite.code()), ErrorCode.USERNAME_TAKEN);
        }
        register(fresh("second"), invite.code()).close();
    }

    @Test
    void joinersRacingForTheLastUsesNeverExceedMaxUses() throws Exception {
        InviteInfo invite = create(moderator, new Invites.Create(3, null, null, null));
        List<TestClient> joiners = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                joiners.add(TestClient.hello(server.port()));
            }
            List<String> ids = new ArrayList<>();
            for (TestClient joiner : joiners) {
                ids.add(joiner.send(new Session.Register(fresh("racer"), Rooms.PASSWORD, null, invite.code())));
            }
            int admitted = 0;
            int refused = 0;
            for (int i = 0; i < joiners.size(); i++) {
                Reply reply = joiners.get(i).awaitReply(ids.get(i));
                if (reply instanceof Session.AuthOk) {
                    admitted++;
                } else {
                    assertThat(((ErrorReply) reply).code()).isEqualTo(ErrorCode.INVITE_INVALID);
                    assertThat(((ErrorReply) reply).message()).contains("used up");
                    refused++;
                }
            }
            assertThat(admitted).isEqualTo(3);
            assertThat(refused).isEqualTo(5);
        } finally {
            joiners.forEach(TestClient::close);
        }
        assertThat(list(moderator).stream().filter(i -> i.id() == invite.id()).findFirst().orElseThrow().uses())
                .isEqualTo(3);
    }

    @Test
    void invitesCannotLandInALockedOrHiddenChannel() throws Exception {
        long locked = admin.client().expect(new Channels.Create(null, "Vault", "", null, "vault password"),
                Channels.Created.class).channel().id();
        admin.client().expectError(new Invites.Create(1, null, locked, null), ErrorCode.FORBIDDEN);
        moderator.client().expectError(new Invites.Create(1, null, 999_999L, null), ErrorCode.NOT_FOUND);
    }

    static InviteInfo create(SignedIn who, Invites.Create request) throws InterruptedException {
        return who.client().expect(request, Invites.Created.class).invite();
    }

    static List<InviteInfo> list(SignedIn who) throws InterruptedException {
        return who.client().expect(new Invites.ListInvites(), Invites.Page.class).invites();
    }

    static SignedIn register(String name, String code) throws InterruptedException {
        TestClient client = TestClient.hello(server.port());
        return new SignedIn(client, client.expect(new Session.Register(name, Rooms.PASSWORD, null, code),
                Session.AuthOk.class));
    }

    static String fresh(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }
}
