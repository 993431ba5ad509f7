package dev.parley.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Chat;
import dev.parley.server.ParleyServer;
import dev.parley.server.service.LocalBackups;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley admin backup} and {@code restore}: a running room backed up, restored elsewhere, the same room. */
@Timeout(120)
class BackupTest {
    private static final long LOBBY = 1L;

    @TempDir
    Path dir;

    private static AdminRun admin(Path data, String... args) {
        return AdminRun.of(data, "", args);
    }

    private static void say(SignedIn who, String text) throws InterruptedException {
        who.client().expect(new Chat.Send(LOBBY, null, text, java.util.UUID.randomUUID().toString(), null), Chat.Sent.class);
    }

    private static List<String> lobbyHistory(ParleyServer server) throws InterruptedException {
        try (SignedIn ann = Rooms.login(server, "ann")) {
            return ann.client().expect(new Chat.History(LOBBY, null, null, 50), Chat.Page.class).messages().stream()
                    .map(m -> m.text()).toList();
        }
    }

    @Test
    void aRunningRoomIsBackedUpAndTheRoomRestoredFromItIsTheSameRoom() throws Exception {
        Path data = dir.resolve("room");
        Path backup = dir.resolve("room-backup.zip");
        String fingerprint;
        try (ParleyServer server = Rooms.start(data)) {
            fingerprint = server.fingerprint().orElseThrow().toString();
            try (SignedIn ann = Rooms.register(server, "ann")) {
                say(ann, "before the backup");
                AdminRun run = admin(data, "backup", "--to", backup.toString());
                assertThat(run.exit()).as(run.err()).isZero();
                assertThat(run.out()).contains("Backed up the running room");
                say(ann, "after the backup"); // the room carries on; this one is not in the backup
            }
        }
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        Path restored = dir.resolve("restored");
        assertThat(admin(restored, "restore", backup.toString()).exit()).isZero();
        try (ParleyServer server = Rooms.start(restored)) {
            assertThat(server.fingerprint().orElseThrow().toString()).isEqualTo(fingerprint);
            assertThat(lobbyHistory(server)).contains("before the backup").doesNotContain("after the backup");
        }
    }

    @Test
    void theBackupEndpointAnswersOnlyThePostWithTheRoomsToken() throws Exception {
        Path data = dir.resolve("room");
        try (ParleyServer server = Rooms.start(data)) {
            Path endpointFile = data.resolve(LocalBackups.ENDPOINT_FILE);
            assertThat(Files.getPosixFilePermissions(endpointFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            List<String> lines = Files.readAllLines(endpointFile, StandardCharsets.UTF_8);
            URI url = URI.create(lines.get(0));
            assertThat(url.getPort()).isEqualTo(server.httpPort());
            HttpClient http = HttpClient.newHttpClient();

            assertThat(http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + lines.get(1) + "x")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                    .isEqualTo(401);
            HttpResponse<Void> get = http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + lines.get(1))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).contains("POST");
            assertThat(Files.exists(data.resolve("backups"))).as("nothing was backed up").isFalse();
        }
        assertThat(data.resolve(LocalBackups.ENDPOINT_FILE)).as("removed when the room stops").doesNotExist();
    }

    @Test
    void aStoppedRoomIsBackedUpFromItsFolderEvenWithAFileLeftByACrash() throws Exception {
        Path data = dir.resolve("room");
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann")) {
            say(ann, "kept");
        }
        // What a crashed room leaves behind: an endpoint nobody answers at.
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Files.writeString(data.resolve(LocalBackups.ENDPOINT_FILE), "http://127.0.0.1:" + closedPort + "/backup\nstale\n");
        Path backup = dir.resolve("stopped.zip");

        AdminRun run = admin(data, "backup", "--to", backup.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Backed up the stopped room");
        Path restored = dir.resolve("restored");
        admin(restored, "restore", backup.toString());
        try (ParleyServer server = Rooms.start(restored)) {
            assertThat(lobbyHistory(server)).contains("kept");
        }
    }

    @Test
    void restoreRefusesAFolderWithARoomAndAZipThatIsNoBackup() throws Exception {
        Path data = dir.resolve("room");
        Rooms.start(data).close();
        Path backup = dir.resolve("b.zip");
        admin(data, "backup", "--to", backup.toString());

        AdminRun intoARoom = admin(data, "restore", backup.toString());
        assertThat(intoARoom.exit()).isEqualTo(1);
        assertThat(intoARoom.err()).contains("already holds a room");

        Path notABackup = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(notABackup))) {
            zip.putNextEntry(new ZipEntry("../../etc/passwd"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        AdminRun bogus = admin(dir.resolve("new"), "restore", notABackup.toString());
        assertThat(bogus.exit()).isEqualTo(1);
        assertThat(bogus.err()).contains("is not a Parley backup");
        assertThat(admin(data, "backup", "--to", backup.toString()).err()).contains("already exists");
    }
}
