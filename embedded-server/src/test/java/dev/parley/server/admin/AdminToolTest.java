package dev.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.TestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley admin} on a stopped room's data folder: each change is seen by the room at its next
 * start, by a real client signing in.
 */
@Timeout(120)
class AdminToolTest {
    @TempDir
    Path data;
    String token;

    private AdminRun adminWithInput(String stdin, String... args) {
        return AdminRun.of(data, stdin, args);
    }

    private AdminRun admin(String... args) {
        return AdminRun.of(data, "", args);
    }

    @BeforeEach
    void aRoomWithAnAdminAndAMemberThatHasStopped() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            Rooms.register(server, "ann").close();
            try (var bob = Rooms.register(server, "bob")) {
                token = bob.auth().token();
            }
        }
    }

    private static Session.AuthOk login(ParleyServer server, String name, String password) throws InterruptedException {
        try (TestClient client = TestClient.hello(server.port())) {
            return client.expect(new Session.Login(name, password), Session.AuthOk.class);
        }
    }

    private static ErrorCode refusedLogin(ParleyServer server, String name, String password) throws InterruptedException {
        try (TestClient client = TestClient.hello(server.port())) {
            return client.call(new Session.Login(name, password)) instanceof dev.parley.protocol.control.message.ErrorReply error
                    ? error.code() : null;
        }
    }

    @Test
    void listsAccountsAndPromotesBobWhomTheRoomThenTreatsAsModerator() throws Exception {
        AdminRun users = admin("users");
        assertThat(users.exit()).isZero();
        assertThat(users.out()).containsPattern("ann\\s+admin").containsPattern("bob\\s+member");

        AdminRun promoted = admin("set-role", "bob", "moderator");
        assertThat(promoted.exit()).isZero();
        assertThat(promoted.out()).contains("bob is now moderator (was member)");

        try (ParleyServer server = Rooms.start(data)) {
            assertThat(login(server, "bob", Rooms.PASSWORD).self().role()).isEqualTo(Role.MODERATOR);
        }
        assertThat(admin("audit").out()).contains("parley admin (offline)").contains("role").contains("member -> moderator");
    }

    @Test
    void resettingAPasswordRetiresTheOldOneAndEverySessionToken() throws Exception {
        Path file = Files.writeString(data.resolve("new-password"), "a brand new password\n", StandardCharsets.UTF_8);

        assertThat(admin("reset-password", "bob", "--password-file", file.toString()).exit()).isZero();

        try (ParleyServer server = Rooms.start(data)) {
            assertThat(refusedLogin(server, "bob", Rooms.PASSWORD)).isEqualTo(ErrorCode.BAD_CREDENTIALS);
            assertThat(login(server, "bob", "a brand new password").self().name()).isEqualTo("bob");
            try (TestClient client = TestClient.hello(server.port())) {
                client.expectError(new Session.Resume(token, null), ErrorCode.INVALID_TOKEN);
            }
        }
        AdminRun tooShort = adminWithInput("short\n", "reset-password", "bob");
        assertThat(tooShort.exit()).isEqualTo(1);
        assertThat(tooShort.err()).contains("must be 8 to");
    }

    @Test
    void aBanKeepsBobOutUntilItIsLifted() throws Exception {
        assertThat(admin("ban", "bob", "--reason", "spam").out()).contains("bob is banned until lifted");

        try (ParleyServer server = Rooms.start(data)) {
            assertThat(refusedLogin(server, "bob", Rooms.PASSWORD)).isEqualTo(ErrorCode.BANNED);
        }
        assertThat(admin("unban", "bob").out()).contains("Lifted 1 ban on bob");
        try (ParleyServer server = Rooms.start(data)) {
            assertThat(login(server, "bob", Rooms.PASSWORD).self().name()).isEqualTo("bob");
        }
    }

    @Test
    void deletingAnAccountNeedsYesAndTheOnlyAdminCannotBeRemoved() throws Exception {
        AdminRun asked = admin("delete-account", "bob");
        assertThat(asked.exit()).isEqualTo(1);
        assertThat(asked.out()).contains("Run again with --yes");
        assertThat(admin("users").out()).contains("bob");

        assertThat(admin("delete-account", "bob", "--yes").out()).contains("Deleted bob");
        AdminRun lastAdmin = admin("set-role", "ann", "member");
        assertThat(lastAdmin.exit()).isEqualTo(1);
        assertThat(lastAdmin.err()).contains("ann is the room's only admin");

        try (ParleyServer server = Rooms.start(data)) {
            assertThat(refusedLogin(server, "bob", Rooms.PASSWORD)).isEqualTo(ErrorCode.BAD_CREDENTIALS);
            assertThat(login(server, "ann", Rooms.PASSWORD).self().role()).isEqualTo(Role.ADMIN);
        }
    }

    @Test
    void aRunningRoomAFolderWithoutARoomAndAnUnknownUserAreClearErrors() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            // Its own process, as an admin runs it: inside this JVM H2 would share the room's open database.
            Process tool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AdminMain.class.getName(), "--data", data.toString(), "users")
                    .redirectErrorStream(true).start();
            String output = new String(tool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(tool.waitFor()).as(output).isEqualTo(1);
            assertThat(output).contains("is running (its database is in use): stop it first");
            assertThat(admin("fingerprint").out().strip()).isEqualTo(server.fingerprint().orElseThrow().toString());
        }
        assertThat(admin("set-role", "nobody", "admin").err()).contains("There is no account 'nobody'");
        assertThat(admin("channels").out()).contains("Lobby (id 1)");

        data = data.resolve("empty");
        AdminRun noRoom = admin("users");
        assertThat(noRoom.exit()).isEqualTo(1);
        assertThat(noRoom.err()).contains("No room in");
    }
}
