package dev.parley.client.core.voice.net;

import java.time.Duration;
import java.util.Objects;

/**
 * Timers of the {@link VoiceTransport}. Immutable.
 *
 * @param helloInterval     how often HELLO is repeated over UDP while waiting for the first echo
 * @param udpTimeout        no HELLO echo within this time after start: fall back to the tunnel
 * @param pingInterval      how often a PING measures round trip and loss
 * @param pingTimeout       nothing heard over UDP for this long: fall back to the tunnel
 * @param udpProbeInterval  how often UDP is probed with HELLO while on the tunnel
 * @param sendQueueCapacity audio frames waiting for the network thread; beyond that new frames are dropped
 */
public record TransportSettings(Duration helloInterval, Duration udpTimeout, Duration pingInterval,
                                Duration pingTimeout, Duration udpProbeInterval, int sendQueueCapacity) {

    public TransportSettings {
        requirePositive(helloInterval, "helloInterval");
        requirePositive(udpTimeout, "udpTimeout");
        requirePositive(pingInterval, "pingInterval");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(udpProbeInterval, "udpProbeInterval");
        if (sendQueueCapacity < 1) {
            throw new IllegalArgumentException("sendQueueCapacity must be positive: " + sendQueueCapacity);
        }
    }

    /** HELLO every 200 ms, tunnel after 2 s without echo or 3 s without answers, ping every 1 s, probe every 3 s. */
    public static TransportSettings defaults() {
        return new TransportSettings(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofSeconds(3), Duration.ofSeconds(3), 32);
    }

    public TransportSettings withUdpTimeout(Duration value) {
        return new TransportSettings(helloInterval, value, pingInterval, pingTimeout, udpProbeInterval, sendQueueCapacity);
    }

    public TransportSettings withPingInterval(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, value, pingTimeout, udpProbeInterval, sendQueueCapacity);
    }

    public TransportSettings withPingTimeout(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, value, udpProbeInterval, sendQueueCapacity);
    }

    public TransportSettings withUdpProbeInterval(Duration value) {
        return new TransportSettings(helloInterval, udpTimeout, pingInterval, pingTimeout, value, sendQueueCapacity);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
