package dev.parley.client.core.net;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.support.Clients;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of requests larger than the room's frame bucket (as after a reconnect, with the outbox
 * resending and the open chat loading its history) is refused in part with {@code rate_limited};
 * the room carried none of those out, so the client asks again after the wait the room named and
 * the caller sees every answer.
 */
@Timeout(60)
class RateLimitedRequestsTest {
    static final int PER_SECOND = 10;
    static final int BURST = 5;
    static final int REQUESTS = 15;

    @TempDir
    Path data;
    ParleyServer server;
    ControlClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void requestsRefusedForRateAreAskedAgainAndAllAnswered() throws Exception {
        startRoomAndSignIn(PER_SECOND);

        List<CompletableFuture<Session.Pong>> pongs = burstOfPings();

        for (CompletableFuture<Session.Pong> pong : pongs) {
            assertThat(pong.get(30, TimeUnit.SECONDS).serverTime()).isPositive();
        }
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void requestsWaitingOutARefusalFailAsNotConnectedWhenTheClientCloses() throws Exception {
        // One frame a second: the room names a wait of a whole second, long enough to close within.
        startRoomAndSignIn(1);
        List<CompletableFuture<Session.Pong>> pongs = burstOfPings();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.requestsWaitingOutRate() > 0);

        client.close();

        await().atMost(Duration.ofSeconds(10)).until(() -> pongs.stream().allMatch(CompletableFuture::isDone));
        assertThat(pongs).allSatisfy(pong -> {
            if (pong.isCompletedExceptionally()) {
                assertThat(pong).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                        .withCauseInstanceOf(NotConnected.class);
            }
        });
        assertThat(pongs).anyMatch(CompletableFuture::isCompletedExceptionally);
    }

    private void startRoomAndSignIn(int framesPerSecond) throws Exception {
        server = ParleyServer.start(ServerConfig.loopback(data).port(0).httpPort(-1)
                .requestRate(framesPerSecond, BURST).build());
        client = Clients.client(server.port());
        Clients.signIn(client, new Credentials.Register("ann", PASSWORD, null));
    }

    private List<CompletableFuture<Session.Pong>> burstOfPings() {
        List<CompletableFuture<Session.Pong>> pongs = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            pongs.add(client.request(new Session.Ping(), Session.Pong.class));
        }
        return pongs;
    }
}
