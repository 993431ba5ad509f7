package dev.parley.server.control;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Message;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.session.ClientLink;
import dev.parley.server.session.OnlineUser;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's control connection. Sending is thread-safe and never blocks: the library's own
 * outgoing queue is unbounded, so this class refuses to let it grow past a limit and drops a reader
 * that falls that far behind. {@link #user()} and {@link #helloDone()} are set on the room thread; the connection sweep reads them.
 */
public final class ClientConnection implements ClientLink {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final AtomicLong NEXT_ID = new AtomicLong(1);
    private static final long REFUSAL_WINDOW_NANOS = 10_000_000_000L;

    private final long id = NEXT_ID.getAndIncrement();
    private final WebSocket socket;
    private final ControlCodec codec;
    private final OutboundLimits limits;
    private final RateLimiter requests;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong refusedInWindow = new AtomicLong();
    private final AtomicLong refusalWindowStart = new AtomicLong(System.nanoTime());
    private final InetSocketAddress remote;
    private volatile OnlineUser user;
    private volatile int voiceSession;
    private volatile boolean helloDone;

    ClientConnection(WebSocket socket, ControlCodec codec, OutboundLimits limits, RateLimiter requests) {
        this.socket = socket;
        this.codec = codec;
        this.limits = limits;
        this.requests = requests;
        this.remote = socket.getRemoteSocketAddress();
    }

    public long id() {
        return id;
    }

    public InetSocketAddress remote() {
        return remote;
    }

    public OnlineUser user() {
        return user;
    }

    public void attach(OnlineUser user) {
        this.user = user;
    }

    /** The voice session whose packets may arrive tunnelled on this connection; 0 for none. */
    public int voiceSession() {
        return voiceSession;
    }

    public void voiceSession(int sessionId) {
        this.voiceSession = sessionId;
    }

    public boolean helloDone() {
        return helloDone;
    }

    public void markHelloDone() {
        helloDone = true;
    }

    /** Whether this connection runs over TLS. */
    public boolean secure() {
        return socket.hasSSLSupport();
    }

    public boolean isOpen() {
        return socket.isOpen() && !closing.get();
    }

    public void reply(String requestId, Message reply) {
        send(new Envelope(requestId, System.currentTimeMillis(), reply));
    }

    public void error(String requestId, ErrorCode code, String message) {
        reply(requestId, new ErrorReply(code, message));
    }

    public void send(Envelope envelope) {
        sendEncoded(codec.encode(envelope));
    }

    /** Sends an already encoded frame; broadcasts encode once and call this per recipient. */
    public void sendEncoded(String frame) {
        if (!isOpen()) {
            return;
        }
        if (isTooFarBehind()) {
            log.warn("Dropping {}: {} frames waiting to be read", this, queuedFrames());
            close(CloseCodes.TOO_SLOW, "too slow: you fell too far behind the room");
            return;
        }
        try {
            socket.send(frame);
        } catch (RuntimeException e) {
            log.debug("Send to {} failed: {}", this, e.toString());
        }
    }

    /** Sends a binary frame (voice tunnelled over the control connection). */
    public void sendBinary(byte[] frame) {
        if (isOpen() && !isTooFarBehind()) {
            try {
                socket.send(frame);
            } catch (RuntimeException e) {
                log.debug("Binary send to {} failed: {}", this, e.toString());
            }
        }
    }

    private int queuedFrames() {
        return socket instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    private boolean isTooFarBehind() {
        if (!(socket instanceof WebSocketImpl impl)) {
            return false;
        }
        int frames = impl.outQueue.size();
        if (frames >= limits.maxFrames()) {
            return true;
        }
        if (frames < limits.framesBeforeCountingBytes()) {
            return false;
        }
        long bytes = 0;
        for (ByteBuffer buffer : impl.outQueue) {
            bytes += buffer.remaining();
        }
        return bytes > limits.maxBytes();
    }

    /** Counts a request against this connection's rate; false means refuse it. */
    boolean admitRequest() {
        return requests.tryAcquire();
    }

    /** Records a refusal; returns how many requests were refused in the current ten-second window. */
    long countRefused() {
        long now = System.nanoTime();
        long start = refusalWindowStart.get();
        if (now - start > REFUSAL_WINDOW_NANOS && refusalWindowStart.compareAndSet(start, now)) {
            refusedInWindow.set(0);
        }
        return refusedInWindow.incrementAndGet();
    }

    public void announceAndClose(int code, String reason, String message) {
        if (isOpen()) {
            send(Envelope.event(new Session.Closing(reason, message)));
        }
        close(code, message);
    }

    public void close(int code, String message) {
        if (closing.compareAndSet(false, true)) {
            socket.close(code, message);
            limits.hardCloseAfterGrace(socket);
        }
    }

    @Override
    public String toString() {
        OnlineUser current = user;
        return "connection#" + id + (current == null ? "" : "(" + current.name() + ")");
    }
}
