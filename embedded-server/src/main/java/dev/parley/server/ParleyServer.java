package dev.parley.server;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.auth.Account;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.auth.AdminClaim;
import dev.parley.server.auth.AdminClaimHandlers;
import dev.parley.server.auth.AuthHandlers;
import dev.parley.server.auth.GuessThrottle;
import dev.parley.server.auth.NameGuard;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.auth.TokenService;
import dev.parley.server.channel.ChannelHandlers;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.channel.PermissionPolicy;
import dev.parley.server.chat.ChatHandlers;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatWriter;
import dev.parley.server.chat.TypingTracker;
import dev.parley.server.control.ClientConnection;
import dev.parley.server.control.CloseCodes;
import dev.parley.server.control.ControlServer;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.db.Database;
import dev.parley.server.http.HttpEndpoint;
import dev.parley.server.http.MetricsSnapshot;
import dev.parley.server.http.RateCounter;
import dev.parley.server.moderation.AccountControls;
import dev.parley.server.moderation.AccountRemoval;
import dev.parley.server.moderation.AuditLog;
import dev.parley.server.moderation.AuditTrail;
import dev.parley.server.moderation.BanRepository;
import dev.parley.server.moderation.ModerationControls;
import dev.parley.server.moderation.SignInGate;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.session.ModerationHandlers;
import dev.parley.server.session.OnlineUser;
import dev.parley.server.session.PresenceHandlers;
import dev.parley.server.session.SignIn;
import dev.parley.server.storage.OwnerOnly;
import dev.parley.server.tls.TlsIdentity;
import dev.parley.server.voice.VoiceRelay;
import dev.parley.server.voice.VoiceRelayStats;
import dev.parley.server.voice.VoiceRoster;
import dev.parley.server.voice.VoiceService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running room: control server, database, and health endpoint. Start it in-process with
 * {@link #start(ServerConfig)} (port 0 is fine) and stop it with {@link #close()}. Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ParleyServer.class);
    private static final String TOKEN_SECRET_KEY = "token.secret";
    private static final String GUEST_RUN_KEY = "guest.run";

    private final ServerConfig config;
    private final Database database;
    private final RoomLoop loop;
    private final ThreadPoolExecutor slowWork;
    private final ScheduledExecutorService netTimer;
    private final ControlServer control;
    private final HttpEndpoint http;
    private final dev.parley.server.service.LocalBackups backups;
    private final VoiceRelay relay;
    private final Room room;
    private final TlsIdentity tls;
    private final String adminCode;
    private final dev.parley.server.settings.LiveSettings settings;
    private final dev.parley.server.shutdown.RoomShutdown shutdown;
    private final AtomicLong messagesStored;
    private final dev.parley.server.files.FileService files;
    private final dev.parley.server.files.Uploads uploads;
    private final RateCounter messageRate = new RateCounter(10, System::currentTimeMillis);
    private final long startedAt = System.currentTimeMillis();
    private volatile boolean closed;
    private final dev.parley.server.search.SearchIndex searchIndex;

    private ParleyServer(ServerConfig config) throws IOException, InterruptedException {
        this.config = config;
        // Owner-only before anything secret is written, and again after H2 created its files.
        OwnerOnly.secureFolder(config.dataDir());
        this.tls = config.tls() ? TlsIdentity.loadOrCreate(config.dataDir()) : null;
        this.database = Database.open(config.dataDir(), config.database());
        dev.parley.server.db.PostgresMarker.record(config.dataDir(), config.database());
        OwnerOnly.secureFolder(config.dataDir());
        // Threads, kept few (docs/BENCHMARKS.md, "Room size and server weight"): one timer thread starts
        // both the network's deadlines and the room's delayed tasks (each only hands work on); the two
        // slow-work threads (password hashing, so two sign-ins hash at once on two cores) exist only
        // while there is hashing to do.
        java.util.concurrent.ScheduledThreadPoolExecutor timer =
                new java.util.concurrent.ScheduledThreadPoolExecutor(1, named("parley-net-timer"));
        timer.setRemoveOnCancelPolicy(true); // the room cancels many timers (typing), don't keep them queued
        this.netTimer = timer;
        this.loop = new RoomLoop(50_000, netTimer);
        this.slowWork = new ThreadPoolExecutor(2, 2, 10, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                named("parley-slow-work"));
        slowWork.allowCoreThreadTimeOut(true);
        String serverRun = UUID.randomUUID().toString().substring(0, 8);

        AccountRepository accounts = new AccountRepository();
        ChannelRepository channelStore = new ChannelRepository();
        ChatRepository chat = new ChatRepository();
        byte[] secret = Base64.getDecoder().decode(database.putSettingIfAbsent(TOKEN_SECRET_KEY, newSecret()));
        TokenService tokens = new TokenService(secret, config.tokenLifetime(), Clock.systemUTC());
        PasswordHasher hasher = new PasswordHasher();

        RoomState state = database.transact(c -> new RoomState(channelStore.all(c), channelStore.allOverrides(c),
                accounts.all(c), chat.countMessages(c)));
        ChannelTree tree = new ChannelTree(state.channels());
        ControlCodec codec = new ControlCodec();
        this.room = new Room(tree, new PermissionPolicy(tree, state.overrides()), state.accounts().stream()
                .map(account -> new Room.KnownAccount(
                        new dev.parley.protocol.control.model.UserInfo(account.id(), account.username(), account.role()),
                        account.lastSeenAt() == null ? null : account.lastSeenAt().toEpochMilli()))
                .toList(), codec, reserveGuestIds(database), dev.parley.server.channel.ChannelUnlocks.load(database));
        this.messagesStored = new AtomicLong(state.messageCount());
        room.runLaterWith((task, millis) -> loop.schedule(task, millis, TimeUnit.MILLISECONDS));

        TokenGenerations generations = new TokenGenerations();
        BanRepository banStore = new BanRepository();
        SignInGate gate = new SignInGate(database.transact(c -> banStore.active(c, Clock.systemUTC().instant())),
                Clock.systemUTC());
        AuditLog auditLog = new AuditLog();
        AuditTrail audit = new AuditTrail(database, auditLog, Clock.systemUTC());
        SignIn signIn = new SignIn(room, database, accounts, chat, tokens, serverRun, generations,
                new NameGuard(state.accounts().stream().map(Account::username).toList()));
        GuessThrottle guesses = new GuessThrottle(System::currentTimeMillis);
        ChannelHandlers channelHandlers = new ChannelHandlers(room, channelStore, hasher, audit, guesses);
        VoiceRoster roster = new VoiceRoster();
        roster.sealedChannels(room.channels()::sealed);
        // A room started plain on purpose has no TLS to insist on; a TLS room hands keys out only over TLS.
        VoiceService voice = new VoiceService(room, loop, roster, config.tls());
        room.observe(voice);
        ChatHandlers chatHandlers = new ChatHandlers(room, loop, chat, new ChatWriter(database, chat),
                new TypingTracker(config.typingExpiry().toMillis()), serverRun, () -> {
                    messagesStored.incrementAndGet();
                    messageRate.record();
                }, audit);
        room.observe(chatHandlers);
        // Chat search (issue 13): a Lucene index in the data folder, filled from the database at start.
        dev.parley.server.search.SearchRows searchRows = new dev.parley.server.search.SearchRows();
        this.searchIndex = dev.parley.server.search.SearchIndex.open(config.dataDir().resolve("search-index"));
        dev.parley.server.search.IndexFill.fill(searchIndex, database, searchRows);
        // The index holds the words of direct messages too: owner-only like the database.
        OwnerOnly.secureFolder(config.dataDir());
        dev.parley.server.search.SearchHandlers searchHandlers =
                new dev.parley.server.search.SearchHandlers(room, searchIndex, searchRows, chat, serverRun);
        chatHandlers.tellChangesTo(searchHandlers);
        RequestRouter router = new RequestRouter();
        this.settings = dev.parley.server.settings.LiveSettings.load(database, config);
        dev.parley.server.invites.InviteRepository inviteStore = new dev.parley.server.invites.InviteRepository();
        new AuthHandlers(config, room, accounts, hasher, tokens, guesses, signIn, serverRun, gate, generations, settings,
                new dev.parley.server.invites.InviteRedemption(inviteStore, accounts, Clock.systemUTC())).registerOn(router);
        dev.parley.server.friends.FriendRepository friendStore = new dev.parley.server.friends.FriendRepository();
        dev.parley.server.friends.FriendBook friendBook = database.transact(c -> new dev.parley.server.friends.FriendBook(
                friendStore.all(c), friendStore.allPrivacy(c)));
        room.privacy(friendBook);
        friendBook.onChange(voice::privacyChanged);
        dev.parley.server.friends.FriendHandlers friendHandlers = new dev.parley.server.friends.FriendHandlers(room,
                friendBook, friendStore, Clock.systemUTC());
        friendHandlers.registerOn(router);
        signIn.afterWelcome(friendHandlers::welcomed);
        new dev.parley.server.invites.InviteHandlers(room, inviteStore,
                new dev.parley.server.invites.InviteCodes(new SecureRandom()), audit, Clock.systemUTC()).registerOn(router);
        new dev.parley.server.settings.SettingsHandlers(room, settings, audit).registerOn(router);
        new dev.parley.server.notify.NotifyHandlers(room, new dev.parley.server.notify.NotifySettingsRepository(),
                Clock.systemUTC()).registerOn(router);
        boolean hasAdmin = state.accounts().stream().anyMatch(account -> account.role() == Role.ADMIN);
        AdminClaim claim = hasAdmin || config.firstAccountIsAdmin() ? AdminClaim.spent() : AdminClaim.fresh(new SecureRandom());
        this.adminCode = claim.code().orElse(null);
        new AdminClaimHandlers(room, accounts, claim, guesses, config.adminUsername()).registerOn(router);
        new PresenceHandlers(room).registerOn(router);
        channelHandlers.registerOn(router);
        new dev.parley.server.e2e.E2eHandlers(room, channelStore, new dev.parley.server.e2e.KeyShareRepository(), audit,
                Clock.systemUTC()).registerOn(router);
        new ModerationHandlers(room, accounts, channelHandlers, signIn, audit, gate, generations).registerOn(router);
        AccountRemoval removal = new AccountRemoval(room, signIn);
        new ModerationControls(room, signIn, gate, banStore, auditLog, audit, generations, removal, Clock.systemUTC())
                .registerOn(router);
        new AccountControls(room, accounts, hasher, tokens, generations, guesses, removal, audit, serverRun)
                .registerOn(router);
        chatHandlers.registerOn(router);
        searchHandlers.registerOn(router);
        this.files = new dev.parley.server.files.FileService(database, chat,
                new dev.parley.server.files.FileStore(config.dataDir()), config.files(), Clock.systemUTC());
        files.recover();
        this.uploads = new dev.parley.server.files.Uploads(new dev.parley.server.files.FileStore(config.dataDir()),
                System::currentTimeMillis);
        new dev.parley.server.files.FileHandlers(room, chat, files, uploads, serverRun, () -> {
            messagesStored.incrementAndGet();
            messageRate.record();
        }, System::currentTimeMillis).tellChangesTo(searchHandlers).registerOn(router);
        chatHandlers.afterDelete(files::collectGarbage);
        new dev.parley.server.directory.DirectoryHandlers(room, codec).registerOn(router);
        new dev.parley.server.registration.RegistrationHandlers(room, accounts).registerOn(router);
        voice.registerOn(router);
        // 1:1 calls (issue 14): rung and answered here, heard through the relay's call target.
        dev.parley.server.call.CallService calls = new dev.parley.server.call.CallService(room, loop, roster,
                (callId, callerId, callerName, calleeId) -> chatHandlers.postInNameOf(callerId, callerName, calleeId,
                        dev.parley.server.call.CallService.MISSED_CALL_TEXT, "call-" + callId).whenComplete((posted, error) -> {
                            if (error != null) {
                                log.warn("Could not store the missed call from {} to {}", callerId, calleeId, error);
                            }
                        }),
                config.callRingTimeout());
        // Who records which channel or call (issue 14): live state, announced to the channel or the call.
        // It observes the room before the calls do, so a recorder who leaves is dropped before the call ends.
        dev.parley.server.record.RecordService recording = new dev.parley.server.record.RecordService(room, calls);
        room.observe(recording);
        signIn.afterWelcome(recording::welcomed);
        recording.registerOn(router);
        room.observe(calls);
        calls.registerOn(router);

        this.relay = new VoiceRelay(new InetSocketAddress(config.host(), config.voicePort()), roster, voice, roster);
        relay.start();
        voice.attach(relay);

        this.control = new ControlServer(new InetSocketAddress(config.host(), config.port()), codec, router, loop,
                database, slowWork, netTimer, config.maxQueuedFrames(), config.maxQueuedBytes(),
                config.requestsPerSecond(), config.requestBurst(), (int) Math.max(1, config.heartbeat().toSeconds()),
                connection -> connectionClosed(connection, signIn));
        control.onBinary(voice::tunnelled);
        control.useAdmission(config.connections());
        if (tls != null) {
            control.useTls(tls.serverContext());
        }
        control.startAndWait();
        this.shutdown = new dev.parley.server.shutdown.RoomShutdown(room, loop, control, netTimer, System::currentTimeMillis);
        this.backups = new dev.parley.server.service.LocalBackups(database, config.dataDir());
        this.http = config.httpPort() < 0 ? null
                : new HttpEndpoint(new InetSocketAddress(config.httpHost(), config.httpPort()), this::health, this::metrics,
                        database.kind() == Database.Kind.H2 ? backups.route() : null); // PostgreSQL: pg_dump
        if (http != null && database.kind() == Database.Kind.H2) {
            backups.published(config.httpHost(), http.port());
        }
        log.info("Room '{}' listening on {}://{}:{} (health on {}), data in {}", config.roomName(),
                tls == null ? "ws" : "wss", config.host(), port(), http == null ? "nothing" : http.port(), config.dataDir());
        if (tls != null) {
            log.info("Room certificate fingerprint (SHA-256): {}", tls.fingerprint());
        } else {
            log.warn("Room '{}' runs WITHOUT TLS: passwords, chat and voice keys cross the network readable", config.roomName());
        }
    }

    private record RoomState(List<dev.parley.server.channel.Channel> channels,
                             List<dev.parley.server.channel.PermissionOverride> overrides,
                             List<dev.parley.server.auth.Account> accounts, long messageCount) {
    }

    /** Opens the database, binds the ports and starts serving; throws if any of it fails. */
    public static ParleyServer start(ServerConfig config) {
        try {
            return new ParleyServer(config);
        } catch (IOException e) {
            throw new ServerException("cannot start the room: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while starting the room", e);
        }
    }

    private void connectionClosed(ClientConnection connection, SignIn signIn) {
        OnlineUser user = connection.user();
        if (user != null) {
            signIn.leave(user);
        }
    }

    public int port() {
        return control.getPort();
    }

    /** The voice relay's counters now, as {@code /metrics} shows them. */
    public VoiceRelayStats voiceStats() {
        return relay.stats();
    }

    /** The UDP port of the voice relay. */
    public int voicePort() {
        return relay.localPort();
    }

    /** The health/metrics port, or -1 when that endpoint is off. */
    public int httpPort() {
        return http == null ? -1 : http.port();
    }

    /**
     * SHA-256 of the room's certificate ({@code 3F:A0:...}), which people joining compare with what
     * their client shows on first contact; empty for a room started plain.
     */
    public Optional<Fingerprint> fingerprint() {
        return Optional.ofNullable(tls).map(TlsIdentity::fingerprint);
    }

    /** {@code wss://host:port/} or, for a plain room, {@code ws://host:port/}. */
    public String address(String host) {
        return (tls == null ? "ws" : "wss") + "://" + host + ":" + port() + "/";
    }

    /**
     * The one-time code that makes the first admin ({@code admin.claim}), as it was at start; empty when
     * the room already had an admin. The headless server prints it; the hosting app claims with it.
     */
    public Optional<String> adminClaimCode() {
        return Optional.ofNullable(adminCode);
    }

    /** The room's name, password, guests and registration now: the options, or what an admin changed since. */
    public dev.parley.server.settings.RoomSettings settings() {
        return settings.current();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * Users signed in whom an outsider can see (invisible ones are left out), for the LAN
     * announcement; asks the room thread and waits up to 2 s for it, -1 if it did not answer.
     */
    public int usersOnline() {
        CompletableFuture<Integer> asked = new CompletableFuture<>();
        try {
            loop.execute(() -> asked.complete(room.onlineCountSeenBy(0)));
            return asked.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (Exception e) {
            log.debug("Room did not answer the users-online request: {}", e.toString());
            return -1;
        }
    }

    private String health() {
        return "{\"status\":\"ok\",\"room\":\"" + settings.current().name().replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"uptimeSeconds\":" + (System.currentTimeMillis() - startedAt) / 1000 + "}";
    }

    /** Current figures; the room thread is asked for its own, with a short timeout. */
    public MetricsSnapshot metrics() {
        AtomicInteger online = new AtomicInteger(-1);
        AtomicInteger channels = new AtomicInteger(-1);
        AtomicInteger behindOnPresence = new AtomicInteger(-1);
        CompletableFuture<Void> asked = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                online.set(room.onlineCount());
                channels.set(room.channels().size());
                behindOnPresence.set(room.readersBehindOnPresence());
                asked.complete(null);
            });
            asked.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("Room did not answer the metrics request: {}", e.toString());
        }
        VoiceRelayStats voice = relay.stats();
        return new MetricsSnapshot()
                .gauge("parley_connections", "Open control connections", control.openConnections())
                .gauge("parley_connections_handshaking", "TCP connections still in their TLS or WebSocket handshake",
                        control.handshaking())
                .gauge("parley_connections_not_signed_in", "Open connections that have not signed in yet",
                        control.notSignedIn())
                .counter("parley_connections_refused_total", "Connections refused: their address held too many",
                        control.refusedForAddressCap())
                .counter("parley_connections_timed_out_total", "Connections closed for not signing in in time",
                        control.timedOutBeforeSignIn())
                .gauge("parley_users_online", "Signed-in users (-1 if the room did not answer)", online.get())
                .gauge("parley_channels", "Channels in the tree", channels.get())
                .counter("parley_messages_stored_total", "Chat messages in the database", messagesStored.get())
                .gauge("parley_files_stored_bytes", "Bytes the room's files take (contents and thumbnails)", files.usedBytes())
                .gauge("parley_files_quota_bytes", "The room's file storage quota", files.limits().quotaBytes())
                .gauge("parley_files_stored", "Distinct file contents stored", files.storedFiles())
                .gauge("parley_file_uploads_active", "Uploads under way", uploads.active())
                .gauge("parley_messages_per_second", "Messages stored per second over the last 10 s",
                        messageRate.perSecond())
                .gauge("parley_voice_sessions", "Sessions known to the voice relay", voice.sessions().size())
                .counter("parley_voice_datagrams_in_total", "Voice datagrams received (UDP and tunnelled)", voice.datagramsIn())
                .counter("parley_voice_packets_out_total", "Voice datagrams the relay sent: forwarded audio and hello/ping answers, over UDP or the tunnel", voice.packetsOut())
                .counter("parley_voice_tunnelled_out_total", "Voice packets forwarded over WebSocket", voice.tunneledOut())
                .counter("parley_voice_bad_auth_total", "Voice datagrams that failed authentication", voice.badAuth())
                .counter("parley_voice_replayed_total", "Voice datagrams refused as replayed or stale", voice.replayed())
                .counter("parley_voice_dropped_unbound_total", "Voice datagrams from addresses not bound to their session",
                        voice.droppedUnbound())
                .counter("parley_voice_challenges_total", "Return-routability challenges sent to addresses not bound to their session",
                        voice.challengesSent())
                .counter("parley_voice_unsealed_dropped_total",
                        "Plain audio to an end-to-end encrypted channel, dropped by the relay", voice.unsealedDropped())
                .counter("parley_voice_malformed_total", "Voice datagrams too malformed to consider", voice.malformed())
                .gauge("parley_room_queue", "Tasks waiting for the room thread", loop.queued())
                .counter("parley_room_errors_total", "Room tasks lost to an Error such as OutOfMemoryError", loop.errors())
                .gauge("parley_outbound_queued_bytes", "Bytes waiting to be read by all peers", control.queuedBytes())
                .gauge("parley_presence_readers_behind", "Connections too far behind to be sent presence as it changes; they catch up once they have read their backlog", behindOnPresence.get())
                .gauge("parley_heap_used_bytes", "Java heap in use", Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory())
                .gauge("parley_heap_max_bytes", "Java heap limit", Runtime.getRuntime().maxMemory())
                .gauge("parley_uptime_seconds", "Seconds since start", (System.currentTimeMillis() - startedAt) / 1000);
    }

    /**
     * Stops the room gracefully: everyone signed in is told ({@code room.closing}) that it closes in
     * {@code grace} and whether it comes back ({@code restart}), the room keeps working until then, new
     * requests are then refused and accepted ones finish, and only then does {@link #close()} close the
     * connections and the database. Blocks for the grace period (not at all when nobody is signed in).
     */
    public void shutdown(java.time.Duration grace, boolean restart) {
        if (closed) {
            return;
        }
        try {
            shutdown.drain(grace, restart);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            control.getConnections().forEach(socket -> {
                if (socket.getAttachment() instanceof ClientConnection connection) {
                    connection.announceAndClose(CloseCodes.SHUTTING_DOWN, "shutting_down", "The room is shutting down.");
                } else {
                    socket.close(CloseCodes.SHUTTING_DOWN, "server shutting down");
                }
            });
            control.stop(2_000, "server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (http != null) {
            http.close();
        }
        backups.close();
        relay.close();
        loop.close();
        searchIndex.close();
        slowWork.shutdown();
        netTimer.shutdownNow();
        try {
            slowWork.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        try {
            // Files H2 wrote while running (its trace file) sat in the owner-only folder; tidy them too.
            OwnerOnly.secureFolder(config.dataDir());
        } catch (IOException e) {
            log.warn("Could not make {} owner-only: {}", config.dataDir(), e.toString());
        }
        log.info("Room '{}' stopped", config.roomName());
    }

    /** Each run takes the next block of a million guest ids, so guest ids are never reused. */
    private static long reserveGuestIds(Database database) {
        long run = Long.parseLong(database.setting(GUEST_RUN_KEY).orElse("0")) + 1;
        database.putSetting(GUEST_RUN_KEY, Long.toString(run));
        return -(run * 1_000_000L) - 1;
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
