package dev.parley.bench.load;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.db.PostgresTarget;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A Parley room for the load tool, in its own JVM: {@code BenchServerMain DATA_DIR [POSTGRESQL_JDBC_URL]}
 * (with the URL, the room keeps its data in that PostgreSQL database instead of H2). Prints
 * {@code READY <controlPort> <voicePort>} once listening and stops when its stdin closes.
 */
public final class BenchServerMain {

    /**
     * The load tool's clients send far faster than a person: the default 20 requests/s per
     * connection would be what is measured. Documented in docs/BENCHMARKS.md.
     */
    static final int REQUESTS_PER_SECOND = 1_000_000;

    private BenchServerMain() {
    }

    public static void main(String[] args) throws IOException {
        // Plain WebSocket, like the Node peer it is compared with: the figures are about relaying and
        // fan-out, not TLS (voice packets are AES-GCM sealed either way). Said in docs/BENCHMARKS.md.
        ServerConfig config = ServerConfig.loopback(Path.of(args[0]))
                .tls(false)
                .httpPort(-1)
                .requestRate(REQUESTS_PER_SECOND, REQUESTS_PER_SECOND)
                .heartbeat(Duration.ofSeconds(60))
                // The load tool's "bench-admin" registers first and creates the channels; a loopback
                // benchmark room has no stranger to race it for admin.
                .firstAccountIsAdminForTests(true)
                .database(args.length > 1 ? PostgresTarget.parse(args[1], null) : null)
                .build();
        try (ParleyServer server = ParleyServer.start(config)) {
            System.out.println("READY " + server.port() + " " + server.voicePort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Runs until the load tool closes our stdin.
            }
        }
    }
}
