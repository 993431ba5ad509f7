package dev.parley.server.registration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Accounts;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --registration approval|closed} and the registration rate, over the real protocol. */
@Timeout(120)
class RegistrationTest {
    @TempDir
    Path data;

    @Test
    void inAnApprovalRoomNewAccountsWaitForAnAdmin() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).registration(RegistrationMode.APPROVAL).build());
             SignedIn admin = Rooms.register(server, "boss");
             TestClient eve = TestClient.hello(server.port())) {
            Accounts.Pending pending = eve.expect(new Session.Register("eve", Rooms.PASSWORD, null), Accounts.Pending.class);
            assertThat(pending.username()).isEqualTo("eve");
            eve.expectError(new Directory.ListMembers(null, null), ErrorCode.NOT_AUTHENTICATED);

            try (TestClient again = TestClient.hello(server.port())) {
                ErrorReply refused = again.expectError(new Session.Login("eve", Rooms.PASSWORD), ErrorCode.ACCOUNT_PENDING);
                assertThat(refused.message()).contains("approval");
                again.expectError(new Session.Login("eve", "wrong password!"), ErrorCode.BAD_CREDENTIALS);
            }
            assertThat(admin.client().expect(new Directory.ListMembers(null, null), Directory.MemberPage.class).members())
                    .extracting(m -> m.user().name()).containsExactly("boss");
            Accounts.PendingPage waiting = admin.client().expect(new Accounts.ListPending(null, null),
                    Accounts.PendingPage.class);
            assertThat(waiting.accounts()).extracting(Accounts.PendingAccount::username).containsExactly("eve");

            admin.client().expect(new Accounts.Approve(pending.userId()), Ok.class);

            try (SignedIn approved = Rooms.login(server, "eve")) {
                assertThat(approved.id()).isEqualTo(pending.userId());
            }
            assertThat(admin.client().expect(new Accounts.ListPending(null, null), Accounts.PendingPage.class).accounts())
                    .isEmpty();
            admin.client().expectError(new Accounts.Approve(pending.userId()), ErrorCode.NOT_FOUND);
        }
    }

    @Test
    void aRejectedAccountIsGoneAndOnlyAdminsDecide() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).registration(RegistrationMode.APPROVAL).build());
             SignedIn admin = Rooms.register(server, "boss");
             TestClient mallory = TestClient.hello(server.port())) {
            long id = mallory.expect(new Session.Register("mallory", Rooms.PASSWORD, null), Accounts.Pending.class).userId();
            try (SignedIn guest = Rooms.guest(server, "nosy")) {
                guest.client().expectError(new Accounts.Approve(id), ErrorCode.FORBIDDEN);
                guest.client().expectError(new Accounts.ListPending(null, null), ErrorCode.FORBIDDEN);
            }

            admin.client().expect(new Accounts.Reject(id), Ok.class);

            try (TestClient again = TestClient.hello(server.port())) {
                again.expectError(new Session.Login("mallory", Rooms.PASSWORD), ErrorCode.BAD_CREDENTIALS);
                // The name is free again (and again waits for approval).
                assertThat(again.expect(new Session.Register("mallory", Rooms.PASSWORD, null), Accounts.Pending.class)
                        .userId()).isNotEqualTo(id);
            }
        }
    }

    @Test
    void aClosedRoomTakesNoAccountsButItsFirstAdmin() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).registration(RegistrationMode.CLOSED).build());
             SignedIn admin = Rooms.register(server, "boss");
             TestClient late = TestClient.hello(server.port())) {
            ErrorReply refused = late.expectError(new Session.Register("late", Rooms.PASSWORD, null),
                    ErrorCode.REGISTRATION_CLOSED);

            assertThat(refused.message()).contains("does not take new accounts");
            UserState self = admin.auth().users().stream().filter(u -> u.id() == admin.id()).findFirst().orElseThrow();
            assertThat(self.user().role().name()).isEqualTo("ADMIN");
        }
    }

    @Test
    void registrationsFromOneAddressAreRateLimitedWithATimeToWait() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data)
                .registrationRate(2, Duration.ofMinutes(1), 50, Duration.ofSeconds(1)).build())) {
            Rooms.register(server, "first").close();
            Rooms.register(server, "second").close();
            try (TestClient third = TestClient.hello(server.port())) {
                ErrorReply limited = third.expectError(new Session.Register("third", Rooms.PASSWORD, null),
                        ErrorCode.RATE_LIMITED);

                assertThat(limited.retryAfterMs()).isBetween(1L, 60_000L);
                assertThat(limited.message()).startsWith("Too many new accounts");
                // Existing accounts still sign in.
                third.expect(new Session.Login("first", Rooms.PASSWORD), Session.AuthOk.class);
            }
        }
    }
}
