package dev.parley.client.core.net;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.ClientException;
import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ConnectionStatus.Reason;
import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.ProtocolException;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.tls.Fingerprint;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection to one room server: hello, sign-in, requests matched to replies, events,
 * the chat outbox, and getting the session back by itself after the connection drops.
 *
 * <p>Threading: every public method is thread-safe. All callbacks (status, events, sign-in, outbox
 * changes) and the completion of every returned future happen on the client event thread
 * ({@link #eventLoop()}), one at a time and in order; a UI forwards them to its own thread
 * (JavaFX: {@code Platform.runLater}). The one exception is {@link #onBinary}: voice frames are
 * handed over on the socket's reader thread so that they are never queued behind UI work.
 * Never block the event thread, and never {@code join()} a returned future on it.
 *
 * <p>Security: a {@code wss://} address (the default, {@link #address}) is checked against the
 * fingerprint pinned in {@link ServerTrust#known()}; a room seen for the first time is put to
 * {@link ServerTrust#decision()} (status {@link Reason#AWAITING_TRUST} meanwhile), and a room whose
 * certificate changed is refused ({@link Reason#FINGERPRINT_CHANGED}). Plain {@code ws://} only
 * when the address says so ({@link #plainAddress}).
 */
public final class ControlClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ControlClient.class);
    private static final ControlCodec CODEC = new ControlCodec();
    /**
     * Refusals for rate the client sits out by itself (a busy sign-in check, a spent frame bucket); a longer
     * wait (failed guesses, the registration limit) is the user's.
     */
    private static final long MAX_SHORT_WAIT_MS = 2_000;
    private static final long MIN_SHORT_WAIT_MS = 20;
    /** The wait for a refusal that names none: the room's queues are full, which passes in moments. */
    private static final long BUSY_ROOM_WAIT_MS = 100;
    private static final int MAX_SIGN_IN_RETRIES = 20;

    private final URI server;
    private final ServerTrust trust;
    private final ClientConfig config;
    private final ClientEventLoop loop;
    private final boolean ownsLoop;
    private final Backoff backoff;
    private final Listeners<ConnectionStatus> statusListeners = new Listeners<>();
    private final Listeners<Event> eventListeners = new Listeners<>();
    private final Listeners<Session.AuthOk> signInListeners = new Listeners<>();
    private final Listeners<byte[]> binaryListeners = new Listeners<>();
    private final PendingRequests requests;
    /**
     * Requests refused for rate, each waiting to be asked again; failed with the rest if the connection
     * goes. Written on the event thread only; concurrent so tests may count it.
     */
    private final Map<CompletableFuture<?>, ClientEventLoop.Timer> waitingOutRate = new ConcurrentHashMap<>();
    private final Outbox outbox;
    private volatile ConnectionStatus status = ConnectionStatus.of(ConnectionState.DISCONNECTED);
    private volatile Session.HelloOk hello;
    private volatile ControlSocket socket;
    private volatile Fingerprint fingerprint;

    // Event thread only from here on.
    private SessionMemory memory = new SessionMemory();
    private Credentials credentials;
    private CompletableFuture<Session.AuthOk> signIn;
    private Session.Closing closingNotice;
    /** The room said it is closing ({@code room.closing}): the close that follows is a restart, not a fault. */
    private Session.RoomClosing roomClosing;
    private ClientEventLoop.Timer reconnectTimer;
    private int reconnectAttempt;
    /** The trust question in flight, so a late answer to an abandoned attempt is ignored. */
    private Object trustQuestion;
    private boolean restoring;
    private final List<Event> heldDuringRestore = new ArrayList<>();

    /** A client with its own event thread, closed with the client. */
    public ControlClient(URI server, ClientConfig config, ServerTrust trust) {
        this(server, config, trust, new ClientEventLoop(), true);
    }

    /** A client that posts to a shared event thread, which the caller closes. */
    public ControlClient(URI server, ClientConfig config, ServerTrust trust, ClientEventLoop loop) {
        this(server, config, trust, loop, false);
    }

    /** A client that trusts only rooms already in the user's {@link KnownServers}. */
    public ControlClient(URI server, ClientConfig config) {
        this(server, config, ServerTrust.userDefault(), new ClientEventLoop(), true);
    }

    private ControlClient(URI server, ClientConfig config, ServerTrust trust, ClientEventLoop loop, boolean ownsLoop) {
        if (!"wss".equals(server.getScheme()) && !"ws".equals(server.getScheme())) {
            throw new IllegalArgumentException("a room address starts with wss:// (or ws:// for a plain room): " + server);
        }
        this.server = server;
        this.trust = trust;
        this.config = config;
        this.loop = loop;
        this.ownsLoop = ownsLoop;
        this.backoff = new Backoff(config.backoffInitial(), config.backoffMax(), config.backoffJitter(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.requests = new PendingRequests(loop, config.requestTimeout().toMillis(), this::remember);
        this.outbox = new Outbox(loop, new Outbox.Sender() {
            @Override
            public boolean online() {
                return status.state() == ConnectionState.CONNECTED && socket != null;
            }

            @Override
            public CompletableFuture<Chat.Sent> send(Chat.Send request) {
                return sendNow(request, Chat.Sent.class);
            }
        }, config.outboxCapacity(), config.outboxWindow(), config.rateLimitRetry().toMillis());
    }

    /** {@code wss://host:port}: TLS with the room's pinned certificate. */
    public static URI address(String host, int port) {
        return URI.create("wss://" + host + ":" + port);
    }

    /** {@code ws://host:port}: no TLS, for a room started plain on purpose. Passwords and chat travel readable. */
    public static URI plainAddress(String host, int port) {
        return URI.create("ws://" + host + ":" + port);
    }

    /** Whether this client talks TLS (a {@code wss://} address). */
    public boolean secure() {
        return "wss".equals(server.getScheme());
    }

    /** The fingerprint of the certificate the room showed on the current or last TLS connection. */
    public Optional<Fingerprint> serverFingerprint() {
        return Optional.ofNullable(fingerprint);
    }

    public ClientEventLoop eventLoop() {
        return loop;
    }

    public URI server() {
        return server;
    }

    public ConnectionStatus status() {
        return status;
    }

    /** What the server said in reply to {@code hello} on the current or last connection. */
    public Optional<Session.HelloOk> serverInfo() {
        return Optional.ofNullable(hello);
    }

    // ---- listeners ------------------------------------------------------------------------------

    public Subscription onStatus(Consumer<? super ConnectionStatus> listener) {
        return statusListeners.add(listener);
    }

    /**
     * Every event, in the order the server sent it. After a reconnect, chat messages missed while
     * away arrive here as ordinary {@link Chat.Posted} events, each message once.
     */
    public Subscription onEvent(Consumer<? super Event> listener) {
        return eventListeners.add(listener);
    }

    public <E extends Event> Subscription on(Class<E> type, Consumer<? super E> listener) {
        return eventListeners.add(event -> {
            if (type.isInstance(event)) {
                listener.accept(type.cast(event));
            }
        });
    }

    /** Each {@code auth.ok}: the first sign-in and every resumed session; the room snapshot starts over. */
    public Subscription onSignedIn(Consumer<? super Session.AuthOk> listener) {
        return signInListeners.add(listener);
    }

    /** Binary frames (tunnelled voice), called on the socket's reader thread: copy or hand off, never block. */
    public Subscription onBinary(Consumer<byte[]> listener) {
        return binaryListeners.add(listener);
    }

    /** The chat messages waiting to be sent changed; called with the new list, oldest first. */
    public Subscription onOutboxChanged(Consumer<? super List<PendingMessage>> listener) {
        return outbox.changes().add(listener);
    }

    public List<PendingMessage> pendingMessages() {
        return outbox.snapshot();
    }

    // ---- connecting -----------------------------------------------------------------------------

    /**
     * Connects, says hello and signs in. The future completes with the room snapshot, or fails with
     * {@link RequestFailed} (refused), {@link NotConnected} (unreachable) or {@link RequestTimedOut};
     * the status then says DISCONNECTED and why. Only allowed while DISCONNECTED.
     */
    public CompletableFuture<Session.AuthOk> connect(Credentials credentials) {
        CompletableFuture<Session.AuthOk> result = new CompletableFuture<>();
        loop.execute(() -> {
            if (status.state() != ConnectionState.DISCONNECTED) {
                result.completeExceptionally(new ClientException("Already connected or connecting."));
                return;
            }
            memory = new SessionMemory();
            this.credentials = credentials;
            this.signIn = result;
            reconnectAttempt = 0;
            setStatus(new ConnectionStatus(ConnectionState.CONNECTING, Reason.NONE, ""));
            openSocket();
        });
        return result;
    }

    /** Disconnects on purpose: no reconnecting, waiting requests and unsent messages fail. */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        boolean queued = loop.executeIfRunning(() -> {
            if (status.state() != ConnectionState.DISCONNECTED) {
                endSession(Reason.CLOSED_BY_USER, "Disconnected.");
            }
            done.complete(null);
        });
        if (!queued) {
            // The shared event thread was stopped first (the app quitting): everything that ran on it is over.
            done.complete(null);
        }
        return done;
    }

    /** Disconnects and, if this client made its own event thread, stops it. */
    @Override
    public void close() {
        if (loop.inEventThread()) {
            if (status.state() != ConnectionState.DISCONNECTED) {
                endSession(Reason.CLOSED_BY_USER, "Disconnected.");
            }
        } else {
            try {
                disconnect().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                log.warn("Client did not disconnect cleanly: {}", e.toString());
            }
        }
        if (ownsLoop) {
            loop.close();
        }
    }

    // ---- requests -------------------------------------------------------------------------------

    /**
     * Sends a request while CONNECTED. The future completes with the reply, or fails with
     * {@link RequestFailed} for an {@code error} reply, {@link RequestTimedOut}, or
     * {@link NotConnected} when not connected or the connection drops first. A short refusal for
     * rate is waited out and the request sent again within the request timeout.
     */
    public <R extends Reply> CompletableFuture<R> request(Request request, Class<R> replyType) {
        CompletableFuture<R> result = new CompletableFuture<>();
        long deadline = System.nanoTime() + config.requestTimeout().toNanos();
        loop.execute(() -> attempt(request, replyType, result, deadline, 0));
        return result;
    }

    /**
     * One try of {@link #request}. The room carries out nothing it refuses for rate, so a refusal
     * with a short {@code retryAfterMs} (a burst after a reconnect, the outbox resending) is asked
     * again after that wait, doubled each time, for as long as the request's timeout allows; the
     * caller sees the refusal only when that time is used up. Event thread only.
     */
    private <R extends Reply> void attempt(Request request, Class<R> replyType, CompletableFuture<R> result,
            long deadline, int refusals) {
        if (status.state() != ConnectionState.CONNECTED) {
            result.completeExceptionally(new NotConnected("Not connected to the room right now."));
            return;
        }
        sendNow(request, replyType).whenComplete((reply, error) -> {
            if (error == null) {
                result.complete(reply);
                return;
            }
            Throwable cause = unwrap(error);
            long named = shortRateLimitWait(cause);
            long waitMs = Math.min(named << Math.min(refusals, 6), MAX_SHORT_WAIT_MS);
            if (waitMs > 0 && System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) < deadline) {
                log.debug("{} refused for rate; asking again in {} ms", request.getClass().getSimpleName(), waitMs);
                waitingOutRate.put(result, loop.schedule(() -> {
                    waitingOutRate.remove(result);
                    attempt(request, replyType, result, deadline, refusals + 1);
                }, waitMs, TimeUnit.MILLISECONDS));
            } else {
                result.completeExceptionally(cause);
            }
        });
    }

    /** The wait a refusal for rate names when it is short enough to sit out, or 0 for any other failure. */
    private static long shortRateLimitWait(Throwable cause) {
        if (!(cause instanceof RequestFailed refused) || refused.code() != ErrorCode.RATE_LIMITED) {
            return 0;
        }
        long named = refused.retryAfterMs() == null ? BUSY_ROOM_WAIT_MS : refused.retryAfterMs();
        return named > MAX_SHORT_WAIT_MS ? 0 : Math.max(MIN_SHORT_WAIT_MS, named);
    }

    /** Requests refused for rate and waiting to be asked again, for tests. Any thread. */
    int requestsWaitingOutRate() {
        return waitingOutRate.size();
    }

    /** A request answered by a plain {@code ok}. */
    public CompletableFuture<Ok> requestOk(Request request) {
        return request(request, Ok.class);
    }

    /**
     * Queues a chat message and sends it as soon as the client is connected, with a fresh nonce it
     * keeps through every retry, so it is stored once. Allowed while connecting or reconnecting;
     * fails at once while DISCONNECTED.
     */
    public OutgoingMessage sendMessage(Conversation conversation, String text, Long replyTo) {
        String nonce = UUID.randomUUID().toString();
        PendingMessage message = new PendingMessage(nonce, conversation, text, replyTo, Instant.now());
        CompletableFuture<ChatMessage> delivered = new CompletableFuture<>();
        Chat.Send request;
        try {
            request = conversation.send(text, nonce, replyTo);
        } catch (ProtocolException invalid) {
            delivered.completeExceptionally(new RequestFailed(invalid.code(), invalid.getMessage()));
            return new OutgoingMessage(message, delivered);
        }
        loop.execute(() -> {
            if (status.state() == ConnectionState.DISCONNECTED) {
                delivered.completeExceptionally(new NotConnected("Not connected to the room."));
            } else {
                outbox.add(message, request, delivered);
            }
        });
        return new OutgoingMessage(message, delivered);
    }

    /** Sends a binary frame if connected; false if it was dropped. Thread-safe, never blocks. */
    public boolean sendBinary(byte[] frame) {
        ControlSocket current = socket;
        if (current == null || !current.isOpen() || status.state() != ConnectionState.CONNECTED) {
            return false;
        }
        try {
            current.send(frame);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    /** Sends on the current socket whatever the state (sign-in and restore use it). Event thread only. */
    private <R extends Reply> CompletableFuture<R> sendNow(Request request, Class<R> replyType) {
        ControlSocket current = socket;
        if (current == null || !current.isOpen()) {
            return CompletableFuture.failedFuture(new NotConnected("Not connected to the room right now."));
        }
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        String id = requests.register(request, reply);
        try {
            current.send(CODEC.encode(Envelope.request(id, request)));
        } catch (WebsocketNotConnectedException e) {
            requests.fail(id, new NotConnected("The connection closed before the request could be sent."));
        }
        return reply.thenApply(answer -> {
            if (!replyType.isInstance(answer)) {
                throw new ClientException("Expected " + replyType.getSimpleName() + " but the server sent "
                        + answer.getClass().getSimpleName());
            }
            return replyType.cast(answer);
        });
    }

    /** Notes what a successful request means for a later restore. */
    private void remember(Request request, Reply reply) {
        if (request instanceof Channels.Join join) {
            memory.joined(join.channelId(), join.password());
        } else if (request instanceof Session.SetPresence presence) {
            memory.presence(presence.presence());
        }
    }

    // ---- the socket -----------------------------------------------------------------------------

    private void openSocket() {
        reconnectTimer = null;
        PinningTrustManager pin = secure()
                ? new PinningTrustManager(trust.known().lookup(KnownServers.key(server)).orElse(null)) : null;
        ControlSocket opening = new ControlSocket(server, CODEC, new SocketEvents(),
                (int) config.connectTimeout().toMillis(), (int) config.heartbeat().toSeconds(), pin);
        closingNotice = null;
        socket = opening;
        opening.connect();
        // The library's timeout covers only the TCP connect. A peer that accepts and then never
        // answers (a TLS client talking to a plain room, a hung server) would block this attempt,
        // and every reconnect after it, for good.
        loop.schedule(() -> {
            if (opening == socket && !opening.isOpen()) {
                log.debug("No WebSocket handshake from {} within {} ms; giving up this attempt", server, openingDeadline());
                opening.close();
                socketClosed(opening, CloseFrame.NEVER_CONNECTED, "the room did not answer");
            }
        }, openingDeadline(), TimeUnit.MILLISECONDS);
    }

    /** TCP connect, TLS and the WebSocket upgrade together. */
    private long openingDeadline() {
        return 2 * config.connectTimeout().toMillis();
    }

    /** Forwards the library's callbacks to the event thread, ignoring sockets that are no longer current. */
    private final class SocketEvents implements ControlSocket.Listener {
        @Override
        public void opened(ControlSocket from) {
            loop.executeIfRunning(() -> {
                if (from == socket) {
                    sayHello(from);
                }
            });
        }

        @Override
        public void envelope(ControlSocket from, Envelope envelope) {
            loop.executeIfRunning(() -> {
                if (from == socket) {
                    received(envelope);
                }
            });
        }

        @Override
        public void binary(ControlSocket from, ByteBuffer frame) {
            if (from != socket || binaryListeners.isEmpty()) {
                return;
            }
            byte[] copy = new byte[frame.remaining()];
            frame.get(copy);
            binaryListeners.fire(copy);
        }

        @Override
        public void closed(ControlSocket from, int code, String reason, boolean remote) {
            loop.executeIfRunning(() -> {
                if (from == socket) {
                    socketClosed(from, code, reason);
                }
            });
        }
    }

    private void received(Envelope envelope) {
        if (envelope.payload() instanceof Reply reply) {
            if (envelope.id() != null) {
                requests.complete(envelope.id(), reply);
            } else if (reply instanceof ErrorReply error) {
                log.warn("Server reported an error without a request id: {} {}", error.code(), error.message());
            }
            return;
        }
        if (envelope.payload() instanceof Event event) {
            eventReceived(event);
        }
    }

    private void sayHello(ControlSocket from) {
        if (from.pin() != null) {
            fingerprint = from.pin().presented();
        }
        boolean resuming = status.state() == ConnectionState.RECONNECTING;
        Request signInRequest = resuming ? new Session.Resume(memory.token(), memory.presence()) : credentials.toRequest();
        sendNow(new Session.Hello(ProtocolVersion.CURRENT, config.clientName()), Session.HelloOk.class)
                .whenComplete((helloOk, error) -> {
                    if (from != socket) {
                        return;
                    }
                    if (error != null) {
                        signInFailed(unwrap(error), resuming);
                    } else {
                        hello = helloOk;
                        sendSignIn(from, signInRequest, resuming, 0);
                    }
                });
    }

    /**
     * Sends the sign-in request; when the room says it is busy checking another sign-in from this address
     * ({@code rate_limited} with a wait, e.g. two clients on one machine signing in at once), asks again
     * after the wait it names, a few times, instead of giving up.
     */
    private void sendSignIn(ControlSocket from, Request signInRequest, boolean resuming, int retries) {
        sendNow(signInRequest, Reply.class).thenApply(ControlClient::signedInOrPending).whenComplete((auth, error) -> {
            if (from != socket) {
                return;
            }
            Throwable cause = error == null ? null : unwrap(error);
            long waitMs = shortRateLimitWait(cause);
            if (waitMs > 0 && retries < MAX_SIGN_IN_RETRIES) {
                log.info("The room is busy with another sign-in; asking again in {} ms", waitMs);
                loop.schedule(() -> {
                    if (from == socket) {
                        sendSignIn(from, signInRequest, resuming, retries + 1);
                    }
                }, waitMs, TimeUnit.MILLISECONDS);
            } else if (cause != null) {
                signInFailed(cause, resuming);
            } else {
                signedIn(from, auth, resuming);
            }
        });
    }

    private void signInFailed(Throwable error, boolean resuming) {
        if (error instanceof RequestFailed refused) {
            if (refused.code() == ErrorCode.UNSUPPORTED_VERSION) {
                endSession(Reason.UNSUPPORTED_VERSION, refused.getMessage(), refused);
                return;
            }
            if (refused.code() == ErrorCode.INVALID_TOKEN) {
                endSession(Reason.SESSION_EXPIRED, refused.getMessage(), refused);
                return;
            }
            if (!resuming) {
                endSession(Reason.REFUSED, refused.getMessage(), refused);
                return;
            }
        }
        if (error instanceof NotConnected) {
            return; // socketClosed decides
        }
        log.info("Sign-in on {} did not finish ({}); closing this attempt", server, error.toString());
        ControlSocket failed = socket;
        if (resuming) {
            dropSocketAndRetry(failed);
        } else {
            endSession(Reason.UNREACHABLE, "The room did not answer.", error);
        }
    }

    private void signedIn(ControlSocket from, Session.AuthOk auth, boolean resumed) {
        long channelBefore = memory.channelId();
        long lastSeenBefore = memory.lastSeenMessageId();
        memory.signedIn(auth.token(), auth.self().id(), auth.channelId());
        credentials = null;
        reconnectAttempt = 0;
        if (!resumed) {
            memory.sawMessagesUpTo(auth.lastMessageId());
        }
        signInListeners.fire(auth);
        if (!resumed) {
            log.info("Signed in to {} as {}", server, auth.self().name());
            setStatus(ConnectionStatus.of(ConnectionState.CONNECTED));
            CompletableFuture<Session.AuthOk> waiting = signIn;
            signIn = null;
            if (waiting != null) {
                waiting.complete(auth);
            }
            outbox.pump();
            return;
        }
        log.info("Session resumed on {} as {}; restoring channel, presence and missed chat", server, auth.self().name());
        restoring = true;
        SessionRestore.Connection connection = new SessionRestore.Connection() {
            @Override
            public <R extends Reply> CompletableFuture<R> send(Request request, Class<R> replyType) {
                return sendNow(request, replyType);
            }

            @Override
            public boolean current() {
                return from == socket;
            }

            @Override
            public void deliver(Event event) {
                ControlClient.this.deliver(event);
            }
        };
        new SessionRestore(connection, memory, channelBefore, lastSeenBefore).run().whenComplete((done, error) -> {
            if (from != socket) {
                return;
            }
            if (error != null) {
                log.warn("Could not fully restore the session: {}", unwrap(error).toString());
            }
            finishRestore();
        });
    }

    private void finishRestore() {
        restoring = false;
        List<Event> held = new ArrayList<>(heldDuringRestore);
        heldDuringRestore.clear();
        held.forEach(this::deliver);
        setStatus(ConnectionStatus.of(ConnectionState.CONNECTED));
        outbox.pump();
    }

    private void eventReceived(Event event) {
        if (event instanceof Session.Closing closing) {
            closingNotice = closing;
        } else if (event instanceof Session.RoomClosing closing) {
            roomClosing = closing;
        } else if (event instanceof Users.Moved moved && moved.userId() == memory.selfId()) {
            memory.movedTo(moved.toChannelId());
        }
        if (restoring) {
            // Missed chat comes first; live events wait so listeners see them in order.
            heldDuringRestore.add(event);
        } else {
            deliver(event);
        }
    }

    private void deliver(Event event) {
        if (event instanceof Chat.Posted posted && !memory.firstDelivery(posted.message().id())) {
            return;
        }
        eventListeners.fire(event);
    }

    private void socketClosed(ControlSocket from, int code, String reason) {
        socket = null;
        log.debug("Control connection to {} closed: {} {}", server, code, reason);
        connectionGone();
        if (from.pin() != null && pinRefused(from.pin())) {
            return;
        }
        Session.Closing notice = closingNotice;
        if (code == 4001 || (notice != null && "kicked".equals(notice.reason()))) {
            endSession(Reason.KICKED, notice != null ? notice.message() : "You were removed from the room.");
        } else if (code == 4003 || code == 4004 || (notice != null
                && ("banned".equals(notice.reason()) || "deleted".equals(notice.reason())))) {
            // Banned or deleted: coming back would only be refused, so say why and stay out.
            endSession(Reason.KICKED, notice != null ? notice.message()
                    : code == 4003 ? "You were banned from the room." : "Your account was deleted.");
        } else if (code == 4002 || (notice != null && "replaced".equals(notice.reason()))) {
            endSession(Reason.REPLACED, notice != null ? notice.message() : "You signed in somewhere else.");
        } else if (code == 4000) {
            endSession(Reason.UNSUPPORTED_VERSION, "This room needs another version of Parley.");
        } else if (status.state() == ConnectionState.CONNECTING) {
            endSession(Reason.UNREACHABLE, "Could not reach the room" + (reason == null || reason.isBlank() ? "." : ": " + reason));
        } else if (status.state() != ConnectionState.DISCONNECTED && roomClosing != null) {
            // The host stopped the room and said so: the same recovery, told as what it is.
            setStatus(new ConnectionStatus(ConnectionState.RECONNECTING, Reason.ROOM_CLOSED, roomClosing.restart()
                    ? "The room is restarting — reconnecting…" : roomClosing.message() + " Trying again…"));
            scheduleReconnect();
        } else if (status.state() != ConnectionState.DISCONNECTED) {
            setStatus(new ConnectionStatus(ConnectionState.RECONNECTING, Reason.CONNECTION_LOST,
                    "Connection lost; reconnecting…"));
            scheduleReconnect();
        }
    }

    /** Handles a handshake the pin check stopped; false if the pin was not the reason. */
    private boolean pinRefused(PinningTrustManager pin) {
        String room = KnownServers.key(server);
        switch (pin.outcome()) {
            case CHANGED -> {
                log.warn("Room {} showed certificate {} but {} is trusted; refusing", room, pin.presented(), pin.pinned());
                endSession(Reason.FINGERPRINT_CHANGED, "The room at " + room + " shows a different certificate from"
                        + " the one you trusted (now " + pin.presented() + ", trusted " + pin.pinned() + "). Someone"
                        + " may be impersonating it. If the host made a new certificate, check the new fingerprint"
                        + " with them and forget the old one.");
                return true;
            }
            case UNKNOWN -> {
                askTrust(room, pin.presented());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    /** Asks whether to trust a room seen for the first time; a yes is remembered and the client connects again. */
    private void askTrust(String room, Fingerprint shown) {
        ConnectionState waitingIn = status.state();
        Object question = new Object();
        trustQuestion = question;
        setStatus(new ConnectionStatus(waitingIn, Reason.AWAITING_TRUST,
                "First visit to " + room + ": check that the host sees fingerprint " + shown + "."));
        CompletableFuture<Boolean> answer;
        try {
            answer = trust.decision().trust(new FingerprintDecision.FirstContact(room, shown)).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((yes, error) -> loop.execute(() -> {
            if (trustQuestion != question || status.state() == ConnectionState.DISCONNECTED) {
                return;
            }
            trustQuestion = null;
            if (error == null && Boolean.TRUE.equals(yes)) {
                try {
                    trust.known().remember(room, shown);
                } catch (ClientException notSaved) {
                    // Still pinned in memory for this run; the user is asked again next time.
                    log.warn("Trusting room {} for now, but: {}", room, notSaved.getMessage());
                }
                log.info("Trusting room {} with certificate {}", room, shown);
                setStatus(new ConnectionStatus(waitingIn, Reason.NONE, ""));
                openSocket();
            } else {
                endSession(Reason.UNTRUSTED, "Not connected: the certificate of " + room + " (" + shown
                        + ") is not trusted.");
            }
        }));
    }

    private void dropSocketAndRetry(ControlSocket failed) {
        socket = null;
        connectionGone();
        if (failed != null) {
            failed.close();
        }
        scheduleReconnect();
    }

    private void connectionGone() {
        requests.failAll(new NotConnected("The connection to the room was lost."));
        List<CompletableFuture<?>> waiting = new ArrayList<>(waitingOutRate.keySet());
        waitingOutRate.values().forEach(ClientEventLoop.Timer::cancel);
        waitingOutRate.clear();
        waiting.forEach(result -> result.completeExceptionally(new NotConnected("The connection to the room was lost.")));
        restoring = false;
        heldDuringRestore.clear();
    }

    private void scheduleReconnect() {
        long delay = backoff.delayMillis(reconnectAttempt++);
        log.debug("Reconnecting to {} in {} ms (attempt {})", server, delay, reconnectAttempt);
        if (status.state() == ConnectionState.RECONNECTING) {
            setStatus(status.withNextAttemptAt(System.currentTimeMillis() + delay)); // the UI counts down to it
        }
        reconnectTimer = loop.schedule(() -> {
            if (status.state() == ConnectionState.RECONNECTING && socket == null) {
                openSocket();
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void endSession(Reason reason, String message) {
        endSession(reason, message, new NotConnected(message));
    }

    /** Ends the session for good: closes the socket, stops retrying, fails everything waiting. */
    private void endSession(Reason reason, String message, Throwable cause) {
        trustQuestion = null;
        ControlSocket current = socket;
        socket = null;
        if (current != null) {
            current.close();
        }
        if (reconnectTimer != null) {
            reconnectTimer.cancel();
            reconnectTimer = null;
        }
        connectionGone();
        outbox.failAll(new NotConnected("Not sent: " + message));
        CompletableFuture<Session.AuthOk> waiting = signIn;
        signIn = null;
        credentials = null;
        log.info("Disconnected from {}: {} {}", server, reason, message);
        // Status first: whoever waits on the sign-in future sees DISCONNECTED once it fails.
        setStatus(new ConnectionStatus(ConnectionState.DISCONNECTED, reason, message));
        if (waiting != null) {
            waiting.completeExceptionally(cause instanceof ClientException ? cause : new NotConnected(message));
        }
    }

    private void setStatus(ConnectionStatus next) {
        if (next.state() == ConnectionState.CONNECTED || next.state() == ConnectionState.DISCONNECTED) {
            roomClosing = null; // back in (or given up): a later drop is news of its own
        }
        if (next.equals(status)) {
            return;
        }
        status = next;
        statusListeners.fire(next);
    }

    /**
     * In a room that registers by approval, {@code auth.register} answers {@code auth.pending}: not
     * signed in, and a sentence for the user, so it ends the attempt like a refusal.
     */
    private static Session.AuthOk signedInOrPending(Reply reply) {
        if (reply instanceof dev.parley.protocol.control.message.Accounts.Pending pending) {
            throw new RequestFailed(ErrorCode.ACCOUNT_PENDING, pending.message());
        }
        if (!(reply instanceof Session.AuthOk auth)) {
            throw new ClientException("Expected AuthOk but the server sent " + reply.getClass().getSimpleName());
        }
        return auth;
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
