package dev.parley.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import dev.parley.server.registration.RegistrationLimits;
import dev.parley.server.registration.RegistrationMode;
import dev.parley.server.control.ConnectionPolicy;

/**
 * How a room server runs. Immutable; build one with {@link #builder(Path)}.
 *
 * @param port control (WebSocket, TCP) port; 0 picks a free one
 * @param voicePort UDP port of the voice relay; 0 picks a free one
 * @param httpPort health/metrics port; 0 picks a free one, -1 turns the endpoint off
 * @param serverPassword required to register or join as a guest; null for an open room
 * @param adminUsername when set, the only account that may claim the first admin with the one-time code
 * @param firstAccountIsAdmin the first account to register becomes admin without a code: the old race,
 *     only for tests that build a room in-process and sign in first themselves
 * @param maxQueuedFrames how many frames a slow reader may have waiting before it is dropped
 * @param tls serve the control connection over TLS ({@code wss://}) with the room's self-signed
 *     certificate; false only when plain {@code ws://} is asked for explicitly
 * @param registration who may register, and how fast (per address and per room)
 * @param connections per-address cap and the deadlines before sign-in
 * @param httpHost address health/metrics listen on; loopback unless asked otherwise (they tell
 *     anyone who can reach them how busy the room is)
 * @param database the PostgreSQL database holding the room's data; null for the H2 file in {@code dataDir}
 * @param files the largest file, the room's storage quota and the image pixel cap (issue 13)
 * @param callRingTimeout how long a call rings before it counts as missed
 */
public record ServerConfig(
        String host,
        int port,
        int voicePort,
        int httpPort,
        Path dataDir,
        String roomName,
        boolean guestsAllowed,
        String serverPassword,
        String adminUsername,
        Duration tokenLifetime,
        Duration heartbeat,
        int requestsPerSecond,
        int requestBurst,
        int maxQueuedFrames,
        long maxQueuedBytes,
        Duration typingExpiry,
        boolean tls,
        RegistrationLimits registration,
        ConnectionPolicy connections,
        String httpHost,
        boolean firstAccountIsAdmin,
        dev.parley.server.db.PostgresTarget database,
        dev.parley.server.files.FileLimits files,
        Duration callRingTimeout) {

    public static final int DEFAULT_PORT = 7720;
    public static final int DEFAULT_HTTP_PORT = 7721;

    public ServerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(roomName, "roomName");
        registration = registration == null ? RegistrationLimits.defaults() : registration;
        Objects.requireNonNull(connections, "connections");
        Objects.requireNonNull(httpHost, "httpHost");
        files = files == null ? dev.parley.server.files.FileLimits.defaults() : files;
        callRingTimeout = callRingTimeout == null ? Duration.ofSeconds(30) : callRingTimeout;
        if (serverPassword != null && serverPassword.isEmpty()) {
            serverPassword = null;
        }
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Loopback on free ports: where tests and an in-process host start from. */
    public static Builder loopback(Path dataDir) {
        // Every test client comes from 127.0.0.1, so the per-address cap is lifted here.
        return builder(dataDir).host("127.0.0.1").port(0).voicePort(0).httpPort(0)
                .connections(ConnectionPolicy.DEFAULT.withMaxPerAddress(100_000));
    }

    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", voice udp " + voicePort + ", http " + httpPort + ", data " + dataDir + ", room '" + roomName
                + "'" + (database == null ? "" : ", database " + database.describe()) + ", guests " + guestsAllowed + ", password " + (serverPassword != null) + ", " + (tls ? "tls" : "PLAIN") + "]";
    }

    /** Defaults suit a LAN room; tests shorten the timers. Not thread-safe. */
    public static final class Builder {
        private final Path dataDir;
        private String host = "0.0.0.0";
        private int port = DEFAULT_PORT;
        private int voicePort = DEFAULT_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private String roomName = "Parley room";
        private boolean guestsAllowed = true;
        private String serverPassword;
        private String adminUsername;
        private Duration tokenLifetime = Duration.ofDays(7);
        private Duration heartbeat = Duration.ofSeconds(30);
        private int requestsPerSecond = 20;
        private int requestBurst = 60;
        private int maxQueuedFrames = 4096;
        private long maxQueuedBytes = 16L * 1024 * 1024;
        private Duration typingExpiry = Duration.ofSeconds(6);
        private Duration callRingTimeout = Duration.ofSeconds(30);
        private boolean tls = true;
        private RegistrationLimits registration = RegistrationLimits.defaults();
        private ConnectionPolicy connections = ConnectionPolicy.DEFAULT;
        private String httpHost = "127.0.0.1";
        private boolean firstAccountIsAdmin;
        private dev.parley.server.db.PostgresTarget database;
        private dev.parley.server.files.FileLimits files = dev.parley.server.files.FileLimits.defaults();

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder voicePort(int value) {
            voicePort = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder roomName(String value) {
            roomName = value;
            return this;
        }

        public Builder guests(boolean allowed) {
            guestsAllowed = allowed;
            return this;
        }

        public Builder serverPassword(String value) {
            serverPassword = value;
            return this;
        }

        public Builder admin(String username) {
            adminUsername = username;
            return this;
        }

        public Builder tokenLifetime(Duration value) {
            tokenLifetime = value;
            return this;
        }

        public Builder heartbeat(Duration value) {
            heartbeat = value;
            return this;
        }

        public Builder requestRate(int perSecond, int burst) {
            requestsPerSecond = perSecond;
            requestBurst = burst;
            return this;
        }

        public Builder outboundLimit(int frames, long bytes) {
            maxQueuedFrames = frames;
            maxQueuedBytes = bytes;
            return this;
        }

        public Builder typingExpiry(Duration value) {
            typingExpiry = value;
            return this;
        }

        /** Plain {@code ws://} when false: passwords, chat and voice keys then cross the network readable. */
        public Builder tls(boolean enabled) {
            tls = enabled;
            return this;
        }

        /** Who may register: open (default), approval by an admin, or closed. */
        public Builder registration(RegistrationMode mode) {
            registration = registration.withMode(mode);
            return this;
        }

        /** Registrations allowed at once and the refill time, per client address and for the whole room. */
        public Builder registrationRate(int perAddressBurst, Duration perAddressEvery, int perRoomBurst,
                                        Duration perRoomEvery) {
            registration = registration.withRates(perAddressBurst, perAddressEvery, perRoomBurst, perRoomEvery);
            return this;
        }

        public Builder connections(ConnectionPolicy value) {
            connections = value;
            return this;
        }

        /** Where /health and /metrics listen; loopback by default. */
        public Builder httpHost(String value) {
            httpHost = value;
            return this;
        }

        /** Only for tests that set up a room in-process: the first account registered is admin, no code needed. */
        public Builder firstAccountIsAdminForTests(boolean value) {
            firstAccountIsAdmin = value;
            return this;
        }

        /** Keep the room's data in this PostgreSQL database; null (the default) for the H2 file in the data folder. */
        public Builder database(dev.parley.server.db.PostgresTarget value) {
            database = value;
            return this;
        }

        /** Largest file, storage quota and image pixel cap for files in chat. */
        public Builder files(dev.parley.server.files.FileLimits value) {
            files = value;
            return this;
        }

        /** How long a call rings before it counts as missed (30 s by default). */
        public Builder callRingTimeout(Duration value) {
            callRingTimeout = value;
            return this;
        }

        public ServerConfig build() {
            return new ServerConfig(host, port, voicePort, httpPort, dataDir, roomName, guestsAllowed, serverPassword,
                    adminUsername, tokenLifetime, heartbeat, requestsPerSecond, requestBurst, maxQueuedFrames,
                    maxQueuedBytes, typingExpiry, tls, registration, connections, httpHost, firstAccountIsAdmin, database,
                    files, callRingTimeout);
        }
    }
}
