package dev.parley.server.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Message;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A bare protocol client for server tests: sends requests, waits for the reply with the same id,
 * and records every event. Thread-safe.
 */
public final class TestClient implements AutoCloseable {
    /** How long a reply may take; benchmarks on a loaded machine raise it with {@code -Dparley.test.wait=SECONDS}. */
    private static final Duration WAIT = Duration.ofSeconds(Long.getLong("parley.test.wait", 10));
    private static final AtomicInteger IDS = new AtomicInteger();

    private final ControlCodec codec = new ControlCodec();
    private final Map<String, LinkedBlockingQueue<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Timed<Event>> events = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Envelope> idlessErrors = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<byte[]> binary = new LinkedBlockingQueue<>();
    private final Socket socket;
    /** The largest text frame received, in UTF-8 bytes: clients refuse frames over 64 KiB. */
    private final AtomicInteger largestFrame = new AtomicInteger();
    private volatile int closeCode = -1;
    private volatile String closeReason;
    /** Set once onClose has run: the socket reports "not open" a moment before closeCode is known. */
    private volatile boolean closed;

    private final class Socket extends WebSocketClient {
        Socket(URI uri, String localAddress) {
            super(uri);
            setConnectionLostTimeout(0);
            if ("wss".equals(uri.getScheme())) {
                setSocketFactory(localAddress == null ? TestTls.anyCertificate() : TestTls.anyCertificateFrom(localAddress));
            }
        }

        @Override
        protected void onSetSSLParameters(javax.net.ssl.SSLParameters parameters) {
            TestTls.skipHostnameCheck(parameters);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
        }

        @Override
        public void onMessage(String frame) {
            largestFrame.accumulateAndGet(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, Math::max);
            Decoded decoded = codec.decode(frame);
            assertThat(decoded).as("server sent a frame we cannot decode: %s", frame).isInstanceOf(Decoded.Valid.class);
            Envelope envelope = ((Decoded.Valid) decoded).envelope();
            Message payload = envelope.payload();
            if (payload instanceof Event event) {
                events.add(new Timed<>(event, System.nanoTime()));
            } else if (envelope.id() != null) {
                replies.computeIfAbsent(envelope.id(), id -> new LinkedBlockingQueue<>()).add((Reply) payload);
            } else {
                idlessErrors.add(envelope);
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.get(copy);
            binary.add(copy);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            closeCode = code;
            closeReason = reason;
            closed = true;
        }

        @Override
        public void onError(Exception error) {
        }
    }

    private TestClient(URI uri) throws InterruptedException {
        this(uri, null);
    }

    private TestClient(URI uri, String localAddress) throws InterruptedException {
        socket = new Socket(uri, localAddress);
        if (!socket.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
    }

    /** Connects over TLS, as every room does unless started plain. */
    public static TestClient connect(int port) throws InterruptedException {
        return new TestClient(URI.create("wss://127.0.0.1:" + port));
    }

    /** Connects over TLS from another loopback address (e.g. 127.0.0.7), to play someone elsewhere. */
    public static TestClient connectFrom(String localAddress, int port) throws InterruptedException {
        return new TestClient(URI.create("wss://127.0.0.1:" + port), localAddress);
    }

    /** Connects from {@code localAddress} and says hello. */
    public static TestClient helloFrom(String localAddress, int port) throws InterruptedException {
        TestClient client = connectFrom(localAddress, port);
        client.expect(new Session.Hello(ProtocolVersion.CURRENT, "test"), Session.HelloOk.class);
        return client;
    }

    /** Connects with plain {@code ws://}, to a room started with {@code tls(false)}. */
    public static TestClient connectPlain(int port) throws InterruptedException {
        return new TestClient(URI.create("ws://127.0.0.1:" + port));
    }

    /** Connects and says hello. */
    public static TestClient hello(int port) throws InterruptedException {
        TestClient client = connect(port);
        client.expect(new Session.Hello(ProtocolVersion.CURRENT, "test"), Session.HelloOk.class);
        return client;
    }

    public String send(Request request) {
        String id = "t" + IDS.incrementAndGet();
        sendRaw(codec.encode(Envelope.request(id, request)));
        return id;
    }

    public void sendRaw(String frame) {
        socket.send(frame);
    }

    public void sendBinary(byte[] frame) {
        socket.send(frame);
    }

    /** The next binary frame (tunnelled voice), or null after the timeout. */
    public byte[] pollBinary(Duration timeout) throws InterruptedException {
        return binary.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public Reply awaitReply(String id) throws InterruptedException {
        Reply reply = replies.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(reply).as("reply to %s", id).isNotNull();
        return reply;
    }

    /** The reply to {@code id} if one has arrived, without waiting; for requests that may never be answered. */
    public Optional<Reply> replyNow(String id) {
        return Optional.ofNullable(replies.computeIfAbsent(id, key -> new LinkedBlockingQueue<>()).peek());
    }

    public Reply call(Request request) throws InterruptedException {
        return awaitReply(send(request));
    }

    /** Sends and insists on a reply of the given type. */
    public <R extends Reply> R expect(Request request, Class<R> type) throws InterruptedException {
        Reply reply = call(request);
        assertThat(reply).as("reply to %s", request).isInstanceOf(type);
        return type.cast(reply);
    }

    /** Sends and insists on an error with the given code. */
    public ErrorReply expectError(Request request, ErrorCode code) throws InterruptedException {
        ErrorReply error = expect(request, ErrorReply.class);
        assertThat(error.code()).as("error for %s: %s", request, error.message()).isEqualTo(code);
        return error;
    }

    public Envelope awaitIdlessError() throws InterruptedException {
        Envelope envelope = idlessErrors.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(envelope).as("an error without an id").isNotNull();
        return envelope;
    }

    /** Waits until an event of the type that matches has arrived, and returns the first such. */
    public <E extends Event> E awaitEvent(Class<E> type, Predicate<E> matches) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .alias("a " + type.getSimpleName() + " event; got " + events(Event.class))
                .until(() -> events(type).stream().filter(matches).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    public <E extends Event> List<E> events(Class<E> type) {
        return eventTimes(type).stream().map(Timed::event).toList();
    }

    /** Events of a type with the {@link System#nanoTime()} at which each arrived. */
    public <E extends Event> List<Timed<E>> eventTimes(Class<E> type) {
        List<Timed<E>> matching = new ArrayList<>();
        for (Timed<Event> timed : events) {
            if (type.isInstance(timed.event())) {
                matching.add(new Timed<>(type.cast(timed.event()), timed.nanos()));
            }
        }
        return matching;
    }

    /** An event and when it arrived. */
    public record Timed<E extends Event>(E event, long nanos) {
    }

    public boolean isOpen() {
        return socket.isOpen();
    }

    /** True once the close has completed and {@link #closeCode()} and {@link #closeReason()} are final. */
    public boolean isClosed() {
        return closed;
    }

    public int closeCode() {
        return closeCode;
    }

    public String closeReason() {
        return closeReason;
    }

    @Override
    public void close() {
        try {
            socket.closeBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The largest text frame the server sent on this connection so far, in UTF-8 bytes. */
    public int largestFrameBytes() {
        return largestFrame.get();
    }
}
