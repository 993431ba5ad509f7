package dev.parley.server.control;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.db.Database;
import dev.parley.server.room.RoomLoop;
import java.io.IOException;
import java.net.InetAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.SSLParametersWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket endpoint. Frames are decoded and rate-checked on the library's worker threads;
 * valid requests go to the room thread in arrival order. Each connection is its own error
 * boundary: a bad frame gets an error reply, and only abuse closes the connection.
 */
public final class ControlServer extends WebSocketServer {
    private static final Logger log = LoggerFactory.getLogger(ControlServer.class);
    /** Frames beyond this are cut off by the library itself (close 1009); below it the codec answers. */
    private static final int LIBRARY_FRAME_LIMIT = 1024 * 1024;
    private static final long ABUSE_THRESHOLD = 200;
    private static final long REFUSAL_LOG_INTERVAL_NANOS = 10_000_000_000L;
    /** Requests one connection may have unanswered (a client may pipeline a burst of chat); the rest are refused. */
    private static final int MAX_PENDING_REQUESTS = 64;
    private static final int KERNEL_SEND_BUFFER = 256 * 1024;
    /** Connections the kernel may hold accepted but not yet taken by the selector. */
    static final int LISTEN_BACKLOG = 4096;
    /**
     * The library's decoder ("WebSocketWorker") threads: one. It decodes frames and checks rates, then
     * hands requests to the one room thread, which is where the work is; a second decoder (the library
     * takes one per core) added a thread, not throughput (docs/BENCHMARKS.md, "Room size and server weight").
     */
    private static final int DECODERS = 1;

    private final ControlCodec codec;
    private final RequestRouter router;
    private final RoomLoop room;
    private final Database database;
    private final Executor slowWork;
    private final OutboundLimits limits;
    private final double requestsPerSecond;
    private final int requestBurst;
    private final Consumer<ClientConnection> onClosed;
    private final AtomicInteger open = new AtomicInteger();
    /** Malformed frames are a client's bug or an attack: worth a line, never one per frame. */
    private final LogThrottle refusals = new LogThrottle(log, REFUSAL_LOG_INTERVAL_NANOS);
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicReference<Exception> startFailure = new AtomicReference<>();
    private volatile BiConsumer<ClientConnection, ByteBuffer> binaryHandler = (connection, data) -> { };
    private final ScheduledExecutorService timer;
    private final Map<WebSocketImpl, Tracked> tracked = new ConcurrentHashMap<>();
    private volatile ConnectionAdmission admission = admissionFor(ConnectionPolicy.DEFAULT);
    /** Set once when the room starts closing; read by every connection thread. */
    private volatile boolean refusingRequests;

    /** A connection since its TCP accept: where from, and when. */
    private record Tracked(InetAddress address, long acceptedNanos) {
    }

    public ControlServer(InetSocketAddress address, ControlCodec codec, RequestRouter router, RoomLoop room,
                         Database database, Executor slowWork, ScheduledExecutorService timer,
                         int maxQueuedFrames, long maxQueuedBytes, int requestsPerSecond, int requestBurst,
                         int heartbeatSeconds, Consumer<ClientConnection> onClosed) {
        super(address, DECODERS, List.of(new Draft_6455(List.of(), LIBRARY_FRAME_LIMIT)));
        this.codec = codec;
        this.router = router;
        this.room = room;
        this.database = database;
        this.slowWork = slowWork;
        this.limits = new OutboundLimits(maxQueuedFrames, maxQueuedBytes, 5_000, timer, MAX_PENDING_REQUESTS,
                new OutboundBudget(OutboundBudget.forHeap(Runtime.getRuntime().maxMemory())));
        this.requestsPerSecond = requestsPerSecond;
        this.requestBurst = requestBurst;
        this.onClosed = onClosed;
        this.timer = timer;
        setReuseAddr(true);
        setTcpNoDelay(true);
        // The JDK's default listen backlog is 50. When a thousand clients connect at once (a join
        // storm, or a whole LAN reconnecting after a blip) while the selector is busy, the kernel
        // drops the handshakes past it, and those clients hang until their own timeouts: 477 of a
        // 1,000-user join storm did. The operating system caps it (Linux: net.core.somaxconn).
        setMaxPendingConnections(LISTEN_BACKLOG);
        setConnectionLostTimeout(heartbeatSeconds);
    }

    /** Voice tunnelled over the control connection arrives here. */
    public void onBinary(BiConsumer<ClientConnection, ByteBuffer> handler) {
        this.binaryHandler = handler;
    }

    /**
     * Serves {@code wss://} with the given context, TLS 1.3 only. Call before {@link #startAndWait()}.
     * The library runs the TLS engine's delegated tasks on one small daemon thread that
     * {@link #stop()} shuts down with the server.
     */
    public void useTls(SSLContext context) {
        // Java-WebSocket 1.6.0's SSLSocketChannel2.processHandshake asserts that a handshake never
        // ends as NOT_HANDSHAKING, which TLS 1.3 does when a client aborts it (e.g. refusing our
        // certificate). Under -ea (every test run) that AssertionError kills the selector thread and
        // with it the whole server; the code after the assert is fine. Must run before the class loads.
        WebSocketServer.class.getClassLoader().setPackageAssertionStatus("org.java_websocket", false);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {context.getProtocol()});
        ExecutorService handshakes = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "parley-tls-tasks");
            thread.setDaemon(true);
            return thread;
        });
        setWebSocketFactory(new SSLParametersWebSocketServerFactory(context, handshakes, parameters));
    }

    public int openConnections() {
        return open.get();
    }

    /** Bytes queued for all peers together, as last measured (at most 250 ms old). */
    public long queuedBytes() {
        return limits.budget().total();
    }

    /** Per-address cap and pre-sign-in deadlines; call before {@link #startAndWait()}. */
    public void useAdmission(ConnectionPolicy policy) {
        admission = admissionFor(policy);
    }

    private static ConnectionAdmission admissionFor(ConnectionPolicy policy) {
        return new ConnectionAdmission(policy.maxPerAddress(), policy.handshake(), policy.hello(), policy.signIn());
    }

    /** TCP connections still in their TLS or WebSocket handshake. */
    public long handshaking() {
        return tracked.keySet().stream().filter(socket -> !socket.isOpen() && !socket.isClosed()).count();
    }

    /** WebSocket connections open but not signed in yet. */
    public long notSignedIn() {
        return tracked.keySet().stream().filter(socket -> socket.isOpen()
                && (!(socket.getAttachment() instanceof ClientConnection c) || c.user() == null)).count();
    }

    /** Connections refused because their address already held as many as allowed. */
    public long refusedForAddressCap() {
        return admission.refusedTotal();
    }

    /** Connections closed for not getting through handshake, hello or sign-in in time. */
    public long timedOutBeforeSignIn() {
        return admission.timedOutTotal();
    }

    /**
     * Called by the library on the selector thread for every accepted TCP connection, before any
     * byte is read: the one place that sees connections that never finish a handshake.
     */
    @Override
    protected void allocateBuffers(WebSocket socket) throws InterruptedException {
        super.allocateBuffers(socket);
        InetSocketAddress remote = socket.getRemoteSocketAddress();
        if (!(socket instanceof WebSocketImpl impl) || remote == null) {
            return;
        }
        if (!admission.admit(remote.getAddress())) {
            log.debug("Refusing a connection from {}: it already holds {}", remote.getAddress(),
                    admission.connectionsFrom(remote.getAddress()));
            impl.closeConnection(CloseCodes.ABUSIVE, "too many connections from your address");
            return;
        }
        tracked.put(impl, new Tracked(remote.getAddress(), System.nanoTime()));
        if (impl.getSelectionKey() != null && impl.getSelectionKey().channel() instanceof SocketChannel channel) {
            try {
                // A fixed, modest kernel send buffer: with autotuning a peer that never reads parks
                // megabytes in the kernel before our own queue (which we count and bound) sees any.
                channel.setOption(StandardSocketOptions.SO_SNDBUF, KERNEL_SEND_BUFFER);
            } catch (IOException e) {
                log.debug("Could not size the send buffer of {}: {}", remote, e.toString());
            }
        }
    }

    /** Drops connections past their deadline and forgets closed ones. Timer thread. */
    private void sweep() {
        long now = System.nanoTime();
        tracked.forEach((socket, connection) -> {
            if (socket.isClosed()) {
                forget(socket);
                return;
            }
            ClientConnection client = socket.getAttachment() instanceof ClientConnection c ? c : null;
            if (client != null) {
                client.queuedBytes();
            }
            // A closing connection counts as "handshaking" on purpose: one whose peer sent its close
            // frame and went quiet is finished here, long past the handshake deadline, rather than
            // left for the heartbeat (onClose, and with it the user's leave, waits for that).
            ConnectionAdmission.Stage stage = !socket.isOpen() ? ConnectionAdmission.Stage.HANDSHAKING
                    : client == null || !client.helloDone() ? ConnectionAdmission.Stage.AWAITING_HELLO
                    : client.user() == null && client.pendingRequests() > 0 ? ConnectionAdmission.Stage.SIGNING_IN
                    : client.user() == null ? ConnectionAdmission.Stage.AWAITING_SIGN_IN
                    : ConnectionAdmission.Stage.SIGNED_IN;
            long ageMillis = (now - connection.acceptedNanos()) / 1_000_000;
            ConnectionAdmission.Verdict verdict = admission.check(stage, ageMillis);
            if (verdict != ConnectionAdmission.Verdict.KEEP) {
                log.debug("Closing a connection from {}: {} after {} ms ({}{})", connection.address(), verdict, ageMillis, stage,
                        socket.isClosing() ? ", closing" : "");
            }
            switch (verdict) {
                case KEEP -> { }
                case HANDSHAKE_TOO_SLOW -> socket.closeConnection(CloseCodes.TOO_SLOW, "handshake too slow");
                case HELLO_TOO_SLOW -> closeSlow(client, socket, "You did not say hello in time.");
                case SIGN_IN_TOO_SLOW -> closeSlow(client, socket, "You did not sign in in time.");
            }
        });
    }

    private static void closeSlow(ClientConnection client, WebSocketImpl socket, String message) {
        if (client != null) {
            client.announceAndClose(CloseCodes.TOO_SLOW, "too_slow", message);
        } else {
            socket.close(CloseCodes.TOO_SLOW, message);
        }
    }

    private void forget(WebSocket socket) {
        Tracked gone = socket instanceof WebSocketImpl impl ? tracked.remove(impl) : null;
        if (gone != null) {
            admission.released(gone.address());
        }
    }

    /** Starts the server and waits until it listens; throws if it cannot bind. */
    public void startAndWait() throws InterruptedException {
        start();
        if (!started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("control server did not start within 10 s");
        }
        if (startFailure.get() != null) {
            throw new IllegalStateException("control server could not start: " + startFailure.get().getMessage(),
                    startFailure.get());
        }
    }

    @Override
    public void onStart() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                log.warn("Connection sweep failed; it runs again shortly", e);
            }
        }, 250, 250, TimeUnit.MILLISECONDS);
        started.countDown();
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        ClientConnection connection = new ClientConnection(socket, codec, limits,
                new RateLimiter(requestsPerSecond, requestBurst));
        socket.setAttachment(connection);
        open.incrementAndGet();
        log.debug("{} opened from {}", connection, socket.getRemoteSocketAddress());
    }

    @Override
    public void onMessage(WebSocket socket, String frame) {
        ClientConnection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        try {
            handleText(connection, frame);
        } catch (RuntimeException e) {
            // The connection is its own error boundary: one short line, no stack trace per frame.
            refusals.warn(System.nanoTime(), "Could not answer a frame from {}: {}", connection, e.toString());
        }
    }

    private void handleText(ClientConnection connection, String frame) {
        Decoded decoded = codec.decode(frame);
        // Every frame counts against the rate, malformed ones too; decoding first lets the
        // refusal carry the request id (the codec's work is bounded by the frame limit).
        if (!connection.admitRequest()) {
            refuseForRate(connection, decoded instanceof Decoded.Valid valid ? valid.envelope().id()
                    : ((Decoded.Invalid) decoded).requestId());
            return;
        }
        if (decoded instanceof Decoded.Invalid invalid) {
            if (invalid.code() == ErrorCode.BAD_JSON || invalid.code() == ErrorCode.INVALID_MESSAGE) {
                refusals.warn(System.nanoTime(), "Refused a malformed frame from {}: {} ({})", connection,
                        invalid.code().wire(), invalid.message());
            }
            connection.error(invalid.requestId(), invalid.code(), invalid.message());
            return;
        }
        var envelope = ((Decoded.Valid) decoded).envelope();
        if (!(envelope.payload() instanceof Request request)) {
            connection.error(envelope.id(), ErrorCode.INVALID_MESSAGE, "Clients send requests, not " + envelope.type() + ".");
            return;
        }
        if (envelope.id() == null) {
            connection.error(null, ErrorCode.INVALID_MESSAGE, "A request needs an id.");
            return;
        }
        boolean heavy = request instanceof Chat.History || request instanceof Chat.CatchUp
                || request instanceof dev.parley.protocol.control.message.Search.Query
                || request instanceof dev.parley.protocol.control.message.Search.Around
                || request instanceof dev.parley.protocol.control.message.Files.Download;
        Refusal overBudget = connection.admitWork(heavy);
        if (overBudget != null) {
            connection.reply(envelope.id(), new ErrorReply(overBudget.code(), overBudget.getMessage(), overBudget.retryAfterMs()));
            return;
        }
        connection.requestStarted(heavy);
        // Counted first, checked second: the shutdown sets the flag, then waits for the count to drain,
        // so every request is either refused here or waited for (see refuseNewRequests).
        if (refusingRequests && !(request instanceof Session.Ping)) {
            connection.requestEnded(heavy);
            connection.error(envelope.id(), ErrorCode.SHUTTING_DOWN,
                    "The room is closing; nothing was changed. Send it again once it is back.");
            return;
        }
        try {
            room.execute(() -> router.dispatch(new Call(connection, envelope.id(), room, database, slowWork, heavy), request));
        } catch (RejectedExecutionException e) {
            connection.requestEnded(heavy);
            connection.error(envelope.id(), ErrorCode.RATE_LIMITED, "The server is busy; try again in a moment.");
        }
    }

    private void refuseForRate(ClientConnection connection, String requestId) {
        long refused = connection.countRefused();
        if (refused > ABUSE_THRESHOLD) {
            // Frames already read keep arriving after the close starts: warn once, not per frame.
            if (connection.isOpen()) {
                log.warn("Closing {}: {} requests refused for rate within 10 s", connection, refused);
                connection.announceAndClose(CloseCodes.ABUSIVE, "abusive", "Too many requests; disconnected.");
            }
        } else {
            connection.reply(requestId, new ErrorReply(ErrorCode.RATE_LIMITED, "Slow down: too many requests.",
                    (long) Math.ceil(1000.0 / requestsPerSecond)));
        }
    }

    /**
     * From now on every request but {@code ping} is refused with {@code shutting_down}; those already
     * accepted go on. Any thread; the room is closing.
     */
    public void refuseNewRequests() {
        refusingRequests = true;
    }

    /** Requests accepted and not yet answered, over every connection. Any thread. */
    public int requestsInFlight() {
        int total = 0;
        for (WebSocket socket : getConnections()) {
            if (socket.getAttachment() instanceof ClientConnection connection) {
                total += connection.pendingRequests();
            }
        }
        return total;
    }

    @Override
    public void onMessage(WebSocket socket, ByteBuffer frame) {
        ClientConnection connection = socket.getAttachment();
        if (connection != null) {
            binaryHandler.accept(connection, frame);
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        forget(socket);
        ClientConnection connection = socket.getAttachment();
        if (connection == null) {
            return;
        }
        limits.budget().forget(connection);
        open.decrementAndGet();
        log.debug("{} closed: {} {}", connection, code, reason);
        try {
            room.execute(() -> onClosed.accept(connection));
        } catch (RejectedExecutionException e) {
            log.warn("Room stopped before {} could be signed out", connection);
        }
    }

    @Override
    public void onError(WebSocket socket, Exception error) {
        if (socket == null) {
            startFailure.set(error);
            started.countDown();
            log.error("Control server failed", error);
        } else {
            log.debug("Connection error on {}: {}", socket.getAttachment(), error.toString());
        }
    }
}
