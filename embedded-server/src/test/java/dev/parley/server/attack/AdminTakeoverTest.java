package dev.parley.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Admin;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 4: admin went to whoever registered first (or registered the --admin name first,
 * in any case). Now it takes the one-time code the server printed, and nothing else.
 */
@Timeout(60)
class AdminTakeoverTest {
    @TempDir
    Path data;

    private ServerConfig.Builder realRoom() {
        return Rooms.config(data).firstAccountIsAdminForTests(false);
    }

    @Test
    void aStrangerWhoRegistersFirstGetsNoAdmin() throws Exception {
        try (ParleyServer server = ParleyServer.start(realRoom().admin("boss").build());
             SignedIn stranger = Rooms.register(server, "BOSS")) {
            assertThat(stranger.auth().self().role()).isEqualTo(Role.MEMBER);
            stranger.client().expectError(new Channels.Create(null, "mine", null, null, null), ErrorCode.FORBIDDEN);
            stranger.client().expectError(new Admin.Claim("AAAAA-AAAAA-AAAAA-AAAAA"), ErrorCode.FORBIDDEN);
        }
    }

    @Test
    void theCodeMakesTheFirstAdminOnceAndEveryoneSeesIt() throws Exception {
        try (ParleyServer server = ParleyServer.start(realRoom().build());
             SignedIn stranger = Rooms.register(server, "stranger");
             SignedIn owner = Rooms.register(server, "owner")) {
            String code = server.adminClaimCode().orElseThrow();
            assertThat(code).matches("[A-Z2-9]{5}(-[A-Z2-9]{5}){3}");

            owner.client().expect(new Admin.Claim(code.toLowerCase()), Ok.class);

            stranger.client().awaitEvent(Users.StateChanged.class,
                    e -> e.user().user().id() == owner.id() && e.user().user().role() == Role.ADMIN);
            owner.client().expect(new Channels.Create(null, "ours", null, null, null), Channels.Created.class);
            stranger.client().expectError(new Admin.Claim(code), ErrorCode.FORBIDDEN);
        }
        try (ParleyServer again = ParleyServer.start(realRoom().build())) {
            assertThat(again.adminClaimCode()).as("the room has its admin now").isEmpty();
            try (SignedIn owner = Rooms.login(again, "owner")) {
                assertThat(owner.auth().self().role()).isEqualTo(Role.ADMIN);
            }
        }
    }

    @Test
    void guestsAndOtherAccountsThanTheNamedOneCannotClaim() throws Exception {
        try (ParleyServer server = ParleyServer.start(realRoom().admin("boss").build());
             SignedIn guest = Rooms.guest(server, "visitor");
             SignedIn other = Rooms.register(server, "other")) {
            String code = server.adminClaimCode().orElseThrow();
            guest.client().expectError(new Admin.Claim(code), ErrorCode.FORBIDDEN);
            other.client().expectError(new Admin.Claim(code), ErrorCode.FORBIDDEN);
            try (SignedIn boss = Rooms.register(server, "boss")) {
                boss.client().expect(new Admin.Claim(code), Ok.class);
            }
        }
    }

    @Test
    void wrongCodesAreThrottled() throws Exception {
        try (ParleyServer server = ParleyServer.start(realRoom().build());
             TestClient guesser = TestClient.helloFrom("127.0.0.66", server.port())) {
            guesser.expect(new Session.Register("guesser", Rooms.PASSWORD, null), Session.AuthOk.class);
            for (int i = 0; i < 3; i++) {
                guesser.expectError(new Admin.Claim("WRONG-CODE" + i), ErrorCode.FORBIDDEN);
            }
            guesser.expectError(new Admin.Claim("WRONG-CODE-4"), ErrorCode.RATE_LIMITED);
        }
    }
}
