package dev.parley.client.core.net;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ControlClient} behaves. Immutable; start from {@link #defaults()} and adjust with the
 * {@code with...} methods.
 *
 * @param clientName sent in {@code hello}, e.g. "Parley 0.1.0"
 * @param requestTimeout how long a request waits for its reply
 * @param connectTimeout how long opening the socket may take
 * @param heartbeat WebSocket ping interval that detects a dead connection; zero turns it off
 * @param backoffInitial first reconnect delay, doubled on every failed attempt
 * @param backoffMax the longest reconnect delay
 * @param backoffJitter spread of each delay, e.g. 0.2 for ±20 %
 * @param outboxCapacity how many chat messages may wait to be sent
 * @param outboxWindow how many of them may be in flight at once
 * @param rateLimitRetry how long a message refused with {@code rate_limited} waits before it is sent again
 */
public record ClientConfig(
        String clientName,
        Duration requestTimeout,
        Duration connectTimeout,
        Duration heartbeat,
        Duration backoffInitial,
        Duration backoffMax,
        double backoffJitter,
        int outboxCapacity,
        int outboxWindow,
        Duration rateLimitRetry) {

    public ClientConfig {
        Objects.requireNonNull(clientName, "clientName");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(connectTimeout, "connectTimeout");
        Objects.requireNonNull(heartbeat, "heartbeat");
        requirePositive(backoffInitial, "backoffInitial");
        requirePositive(backoffMax, "backoffMax");
        requirePositive(rateLimitRetry, "rateLimitRetry");
        if (backoffJitter < 0 || backoffJitter >= 1) {
            throw new IllegalArgumentException("backoffJitter must be in [0, 1)");
        }
        if (outboxCapacity < 1 || outboxWindow < 1) {
            throw new IllegalArgumentException("outbox capacity and window must be positive");
        }
    }

    public static ClientConfig defaults() {
        return new ClientConfig("Parley", Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(20),
                Duration.ofMillis(250), Duration.ofSeconds(10), 0.2, 500, 8, Duration.ofSeconds(1));
    }

    public ClientConfig withClientName(String value) {
        return new ClientConfig(value, requestTimeout, connectTimeout, heartbeat, backoffInitial, backoffMax,
                backoffJitter, outboxCapacity, outboxWindow, rateLimitRetry);
    }

    public ClientConfig withRequestTimeout(Duration value) {
        return new ClientConfig(clientName, value, connectTimeout, heartbeat, backoffInitial, backoffMax,
                backoffJitter, outboxCapacity, outboxWindow, rateLimitRetry);
    }

    public ClientConfig withConnectTimeout(Duration value) {
        return new ClientConfig(clientName, requestTimeout, value, heartbeat, backoffInitial, backoffMax,
                backoffJitter, outboxCapacity, outboxWindow, rateLimitRetry);
    }

    public ClientConfig withBackoff(Duration initial, Duration max) {
        return new ClientConfig(clientName, requestTimeout, connectTimeout, heartbeat, initial, max,
                backoffJitter, outboxCapacity, outboxWindow, rateLimitRetry);
    }

    public ClientConfig withOutboxCapacity(int value) {
        return new ClientConfig(clientName, requestTimeout, connectTimeout, heartbeat, backoffInitial, backoffMax,
                backoffJitter, value, outboxWindow, rateLimitRetry);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
