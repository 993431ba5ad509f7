package dev.parley.client.core.support;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/** A real room server on loopback for client tests, which can be stopped and started again on its port. */
public final class TestRoom implements AutoCloseable {
    private final Path dataDir;
    private final boolean tls;
    private ParleyServer server;
    private int port;

    private TestRoom(Path dataDir, int port, boolean tls) {
        this.dataDir = dataDir;
        this.tls = tls;
        this.server = ParleyServer.start(config(dataDir, port, tls));
        this.port = server.port();
    }

    public static TestRoom start(Path dataDir) {
        return new TestRoom(dataDir, 0, true);
    }

    /** A room on a fixed port, e.g. a different data folder on the port a client knows. */
    public static TestRoom start(Path dataDir, int port) {
        return new TestRoom(dataDir, port, true);
    }

    /** A room started plain ({@code ws://}) on purpose. */
    public static TestRoom startPlain(Path dataDir) {
        return new TestRoom(dataDir, 0, false);
    }

    private static ServerConfig config(Path dataDir, int port, boolean tls) {
        return ServerConfig.loopback(dataDir).port(port).httpPort(-1).tls(tls).firstAccountIsAdminForTests(true)
                .heartbeat(Duration.ofSeconds(5)).typingExpiry(Duration.ofMillis(400)).build();
    }

    public ParleyServer server() {
        return server;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts a new server on the same data folder and the same port. */
    public void restart() {
        stop();
        server = ParleyServer.start(config(dataDir, port, tls));
    }

    /** Stops the room as a service restart does (everyone told, {@code grace} to finish), then starts it again. */
    public void restartGracefully(Duration grace) {
        server.shutdown(grace, true);
        server = ParleyServer.start(config(dataDir, port, tls));
    }

    @Override
    public void close() {
        stop();
    }
}
