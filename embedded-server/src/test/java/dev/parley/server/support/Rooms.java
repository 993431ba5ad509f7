package dev.parley.server.support;

import dev.parley.protocol.control.message.Session;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/** Starting rooms and signing people into them, for server tests. */
public final class Rooms {
    public static final String PASSWORD = "correct horse battery";

    private Rooms() {
    }

    /** A loopback room on free ports with test-friendly timers. */
    public static ServerConfig.Builder config(Path dataDir) {
        // The first account registered is admin, as the tests set rooms up; AdminClaimTest covers the real rule.
        return ServerConfig.loopback(dataDir).heartbeat(Duration.ofSeconds(5)).typingExpiry(Duration.ofMillis(400))
                .firstAccountIsAdminForTests(true).database(TestDatabases.target(dataDir));
    }

    public static ParleyServer start(Path dataDir) {
        return ParleyServer.start(config(dataDir).build());
    }

    /** A new connection that registers {@code username}; returns it signed in. */
    public static SignedIn register(ParleyServer server, String username) throws InterruptedException {
        TestClient client = TestClient.hello(server.port());
        Session.AuthOk ok = client.expect(new Session.Register(username, PASSWORD, null), Session.AuthOk.class);
        return new SignedIn(client, ok);
    }

    public static SignedIn login(ParleyServer server, String username) throws InterruptedException {
        TestClient client = TestClient.hello(server.port());
        Session.AuthOk ok = client.expect(new Session.Login(username, PASSWORD), Session.AuthOk.class);
        return new SignedIn(client, ok);
    }

    public static SignedIn guest(ParleyServer server, String nickname) throws InterruptedException {
        TestClient client = TestClient.hello(server.port());
        Session.AuthOk ok = client.expect(new Session.GuestJoin(nickname, null), Session.AuthOk.class);
        return new SignedIn(client, ok);
    }

    /** A signed-in test client and what the server told it at sign-in. */
    public record SignedIn(TestClient client, Session.AuthOk auth) implements AutoCloseable {
        public long id() {
            return auth.self().id();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
