package dev.parley.client.core.support;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.ServerTrust;
import dev.parley.protocol.control.message.Session;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Making real clients for tests, and reading event-thread state from a test thread. */
public final class Clients {
    public static final String PASSWORD = "correct horse battery";
    public static final ClientConfig FAST = ClientConfig.defaults()
            .withClientName("client-test")
            .withRequestTimeout(Duration.ofSeconds(5))
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));

    private Clients() {
    }

    /**
     * A client over TLS that trusts the room on first contact, as a user clicking "trust" would,
     * and remembers it in its own in-memory store: a later certificate change is refused.
     */
    public static ControlClient client(int port) {
        return new ControlClient(ControlClient.address("127.0.0.1", port), FAST, firstUse());
    }

    public static ServerTrust firstUse() {
        return new ServerTrust(KnownServers.inMemory(), FingerprintDecision.trustOnFirstUse());
    }

    public static ControlClient registered(int port, String username) throws Exception {
        ControlClient client = client(port);
        client.connect(new Credentials.Register(username, PASSWORD, null)).get(10, TimeUnit.SECONDS);
        return client;
    }

    public static Session.AuthOk signIn(ControlClient client, Credentials credentials) throws Exception {
        return client.connect(credentials).get(10, TimeUnit.SECONDS);
    }

    /** Waits for a future from the core; tests run on their own thread, so joining is safe. */
    public static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }

    /** Reads event-thread-confined state from the test thread. */
    public static <T> T onLoop(ClientEventLoop loop, Supplier<T> read) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                result.complete(read.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }
}
