package dev.parley.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.ParleyServer;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.ConnectionPolicy;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import dev.parley.server.support.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 9: connections that never sign in (raw TCP that never starts TLS, WebSockets that
 * never say hello) must not be held for minutes, one address must not hold hundreds, and /metrics
 * must show them.
 */
@Timeout(90)
class IdleConnectionsTest {
    private static final ConnectionPolicy QUICK = new ConnectionPolicy(6, Duration.ofMillis(2_000),
            Duration.ofMillis(3_000), Duration.ofMillis(5_000));

    @TempDir
    Path data;
    private final List<Socket> raw = new ArrayList<>();

    @AfterEach
    void closeRaw() throws IOException {
        for (Socket socket : raw) {
            socket.close();
        }
    }

    private ParleyServer start(ConnectionPolicy policy) {
        return ParleyServer.start(Rooms.config(data).connections(policy).build());
    }

    private Socket rawConnection(ParleyServer server) throws IOException {
        Socket socket = new Socket();
        raw.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        socket.setSoTimeout(200);
        return socket;
    }

    /** True once the server has closed its end (a read sees end of stream or a reset). */
    private static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static String metrics(ParleyServer server) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aConnectionThatNeverStartsTlsIsClosedAfterTheHandshakeDeadlineAndCounted() throws Exception {
        try (ParleyServer server = start(QUICK)) {
            Socket silent = rawConnection(server);

            await().atMost(Duration.ofSeconds(10)).until(() -> closedByServer(silent));
            await().atMost(Duration.ofSeconds(5)).until(() -> metrics(server).contains("parley_connections_timed_out_total 1\n"));
        }
    }

    @Test
    void oneAddressMayHoldOnlySoManyConnections() throws Exception {
        try (ParleyServer server = start(QUICK.withMaxPerAddress(4).withDeadlines(Duration.ofSeconds(60)))) {
            List<Socket> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(rawConnection(server));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> metrics(server).contains("parley_connections_handshaking 4\n"));

            Socket fifth = rawConnection(server);
            await().atMost(Duration.ofSeconds(5)).until(() -> closedByServer(fifth));
            assertThat(held).noneMatch(IdleConnectionsTest::closedByServer);
            assertThat(metrics(server)).contains("parley_connections_refused_total 1\n");
            try (TestClient other = TestClient.helloFrom("127.0.0.2", server.port())) {
                other.expect(new Session.GuestJoin("elsewhere", null), Session.AuthOk.class);
            }
            held.get(0).close();
            // The freed place is counted once the server has seen that close; until then it refuses.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                try (TestClient again = TestClient.hello(server.port())) {
                    again.expect(new Session.GuestJoin("again", null), Session.AuthOk.class);
                }
            });
        }
    }

    @Test
    void aWebSocketThatNeverSaysHelloOrNeverSignsInIsClosedButSignedInPeopleStay() throws Exception {
        try (ParleyServer server = start(QUICK); SignedIn ann = Rooms.register(server, "ann");
             TestClient mute = TestClient.connect(server.port());
             TestClient dawdler = TestClient.connect(server.port())) {
            dawdler.expect(new Session.Hello(ProtocolVersion.CURRENT, "dawdler"), Session.HelloOk.class);

            await().atMost(Duration.ofSeconds(10)).until(() -> mute.isClosed());
            assertThat(mute.closeCode()).isEqualTo(CloseCodes.TOO_SLOW);
            await().atMost(Duration.ofSeconds(15)).until(() -> dawdler.isClosed());
            assertThat(dawdler.closeCode()).isEqualTo(CloseCodes.TOO_SLOW);
            assertThat(ann.client().isOpen()).as("signed in well within the deadline, so stays").isTrue();
        }
    }
}
