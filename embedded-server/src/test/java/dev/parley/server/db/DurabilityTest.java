package dev.parley.server.db;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.support.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged writes must survive a hard kill of the server process (the WRITE_DELAY trap on H2; on
 * PostgreSQL the same kill -9 of the room's JVM, with the database server left running).
 */
@Timeout(90)
class DurabilityTest {

    private static final Pattern ACK = Pattern.compile("ACK (\\d+) OK");
    private static final int ACKS_BEFORE_KILL = 150;

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedMessageSurvivesAHardKill() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                DurabilityWriterMain.class.getName(), dataDir.toString()));
        PostgresTarget postgres = TestDatabases.target(dataDir);
        if (postgres != null) {
            command.add(postgres.jdbcUrl()); // the child writes to the same PostgreSQL database, by URL
            command.add(postgres.user());
        }
        Process child = new ProcessBuilder(command)
                .redirectError(dataDir.resolve("child-stderr.txt").toFile())
                .start();
        List<Long> acknowledged = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = ACK.matcher(line);
                if (m.matches()) {
                    acknowledged.add(Long.parseLong(m.group(1)));
                    if (acknowledged.size() == ACKS_BEFORE_KILL) {
                        // SIGKILL through the handle: Process.destroyForcibly() would also close our end of
                        // the pipe and lose acks the child printed just before dying.
                        child.toHandle().destroyForcibly();
                    }
                }
            }
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        Set<Long> stored = new HashSet<>();
        try (Database db = TestDatabases.open(dataDir)) {
            db.transact(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM messages");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getLong(1));
                    }
                }
                return null;
            });
        }
        assertThat(stored).containsAll(acknowledged);
    }
}
