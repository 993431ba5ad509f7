package dev.parley.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Another local user must not read the room's database (token secret, hashes, DMs) or its TLS key. */
@Timeout(60)
class DataFolderPermissionsTest {
    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void aNewRoomsFolderAndFilesAreOwnerOnly() throws Exception {
        Path data = temp.resolve("fresh").resolve("room");
        try (ParleyServer server = Rooms.start(data)) {
            assertOwnerOnly(data);
        }
        assertOwnerOnly(data);
    }

    @Test
    void aWorldReadableFolderFromAnOlderVersionIsRepairedAtStart() throws Exception {
        Path data = temp.resolve("old");
        try (ParleyServer server = Rooms.start(data)) {
            assertThat(server.port()).isPositive();
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.list(data)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
        }

        try (ParleyServer server = Rooms.start(data)) {
            assertOwnerOnly(data);
        }
    }

    private static void assertOwnerOnly(Path data) throws Exception {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        // On PostgreSQL the data is in the server; the folder still holds the certificate and the marker.
        assertThat(files).extracting(path -> path.getFileName().toString())
                .contains(dev.parley.server.support.TestDatabases.postgres() ? dev.parley.server.db.PostgresMarker.FILE : "parley.mv.db");
        for (Path file : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
    }
}
