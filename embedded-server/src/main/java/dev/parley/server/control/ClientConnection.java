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
    /** Past this much unread, a connection's new requests are refused (a history page is up to ~1 MB). */
    private static final long SOFT_QUEUE_BYTES = 1024 * 1024;
    /** Large replies one connection may have in the making at once. */
    private static final int MAX_HEAVY_PENDING = 2;
    /**
     * Bytes a connection may be sent between two counts of its queue. Counting walks the whole
     * queue under its lock; doing it on every send made a presence storm quadratic (a room of 800
     * sent 17,000 frames/s, most of it counting backlogs). The count is exact whenever a limit is near.
     */
    private static final long RECOUNT_BYTES = 16 * 1024;
    /**
     * Unread bytes (past the kernel's send buffer, which is full whenever anything waits here, and
     * counting what is still being batched) beyond which the peer is {@linkplain #lagging() lagging}.
     * Small, because it is what each of thousands of slow readers may hold during a presence storm:
     * 10,000 readers × 8 KiB is 80 MB.
     */
    private static final long LAGGING_BYTES = 8 * 1024;

    private final long id = NEXT_ID.getAndIncrement();
    private final WebSocket socket;
    private final ControlCodec codec;
    private final OutboundLimits limits;
    private final RateLimiter requests;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /** Unanswered requests whose replies can be large (history pages); see {@link #admitWork}. */
    private final java.util.concurrent.atomic.AtomicInteger heavyPending = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong refusedInWindow = new AtomicLong();
    private final AtomicLong refusalWindowStart = new AtomicLong(System.nanoTime());
    private final InetSocketAddress remote;
    private volatile OnlineUser user;
    private volatile int voiceSession;
    private volatile boolean helloDone;
    /** The queue's bytes at its last count, and what was queued since: together an upper bound. */
    private volatile long counted;
    private final AtomicLong queuedSinceCount = new AtomicLong();
    /** Guards {@link #unsent}: frames encoded for this connection and not yet in the library's queue. */
    private final Object outLock = new Object();
    /** Null while nothing waits (an idle connection keeps no buffer); see {@link OutboundBatch}. */
    private byte[] unsent;
    private int unsentLength;

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
        // Counted before queueing, in bytes, whatever the number of frames: a few large replies to a
        // reader that never reads used to pile up unchecked (issue 11: 700 MB from 8 guests).
        Prepared prepared = Prepared.of(frame);
        long bytes = prepared.utf8.length;
        if (isTooFarBehind(bytes)) {
            log.warn("Dropping {}: {} bytes in {} frames waiting to be read", this, queuedBytes(), queuedFrames());
            close(CloseCodes.TOO_SLOW, "too slow: you fell too far behind the room");
            return;
        }
        queuedSinceCount.addAndGet(bytes);
        if (!(socket instanceof WebSocketImpl)) {
            try {
                socket.send(frame);
            } catch (RuntimeException e) {
                log.debug("Send to {} failed: {}", this, e.toString());
            }
            return;
        }
        OutboundBatch batch = OutboundBatch.current();
        boolean first;
        int frameBytes;
        int waiting;
        synchronized (outLock) {
            first = unsentLength == 0;
            frameBytes = appendTextFrame(prepared.utf8);
            waiting = unsentLength;
        }
        if (batch != null && waiting < OutboundBatch.CONNECTION_FLUSH_BYTES) {
            batch.added(this, frameBytes, first);
        } else {
            flushPending();
        }
    }

    /**
     * Appends one unmasked, unfragmented text frame (RFC 6455 section 5.2: a server never masks; no
     * extension is negotiated, see {@code ControlServer}) to the bytes waiting for this connection.
     * Holds {@link #outLock}. Returns the frame's size on the wire.
     */
    private int appendTextFrame(byte[] payload) {
        int length = payload.length;
        int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
        int needed = unsentLength + header + length;
        if (unsent == null || unsent.length < needed) {
            // An idle connection holds no buffer; one frame alone gets exactly its size.
            int capacity = unsent == null ? needed : Math.max(needed, Math.min(unsent.length * 2, needed + OutboundBatch.CONNECTION_FLUSH_BYTES));
            unsent = unsent == null ? new byte[capacity] : java.util.Arrays.copyOf(unsent, capacity);
        }
        byte[] out = unsent;
        int at = unsentLength;
        out[at++] = (byte) 0x81; // FIN, text
        if (header == 2) {
            out[at++] = (byte) length;
        } else if (header == 4) {
            out[at++] = 126;
            out[at++] = (byte) (length >>> 8);
            out[at++] = (byte) length;
        } else {
            out[at++] = 127;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[at++] = (byte) ((long) length >>> shift);
            }
        }
        System.arraycopy(payload, 0, out, at, length);
        unsentLength = at + length;
        return header + length;
    }

    /** Whether the selector has written everything handed to the library (see {@link OutboundBatch}). */
    boolean libraryQueueEmpty() {
        return !(socket instanceof WebSocketImpl impl) || impl.outQueue.isEmpty();
    }

    /** Bytes encoded for this connection and not yet handed to the library. */
    int unsentBytes() {
        synchronized (outLock) {
            return unsentLength;
        }
    }

    /**
     * Hands what waits for this connection to the library's queue as one buffer and asks the
     * selector to write it. Any thread; a no-op when nothing waits or the socket is closed.
     */
    void flushPending() {
        if (!(socket instanceof WebSocketImpl impl)) {
            return;
        }
        synchronized (outLock) {
            if (unsentLength == 0) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(unsent, 0, unsentLength);
            unsent = null;
            unsentLength = 0;
            if (!impl.isOpen()) {
                return;
            }
            // Queued under the lock so that two threads' flushes keep the frames' order.
            impl.outQueue.add(buffer);
        }
        try {
            if (impl.getWebSocketListener() instanceof org.java_websocket.server.WebSocketServer server) {
                server.onWriteDemand(impl);
            }
        } catch (RuntimeException e) {
            log.debug("Write demand for {} failed: {}", this, e.toString());
        }
    }

    /** Sends a binary frame (voice tunnelled over the control connection). */
    public void sendBinary(byte[] frame) {
        if (isOpen() && !isTooFarBehind(frame.length)) {
            try {
                queuedSinceCount.addAndGet(frame.length);
                socket.send(frame);
            } catch (RuntimeException e) {
                log.debug("Binary send to {} failed: {}", this, e.toString());
            }
        }
    }

    @Override
    public boolean lagging() {
        if (!(socket instanceof WebSocketImpl impl) || impl.outQueue.isEmpty()) {
            // Nothing waits beyond the kernel's buffer: whatever this thread is still batching is
            // written when its task ends.
            return false;
        }
        // The part still being batched counts too (queuedBytes does): a connection whose library
        // queue is not empty keeps collecting there, up to 64 KiB, which is where a leave storm
        // parked its 485 MB. The last count plus what was sent since bounds it without counting.
        return counted + queuedSinceCount.get() > LAGGING_BYTES && queuedBytes() > LAGGING_BYTES;
    }

    private int queuedFrames() {
        return socket instanceof WebSocketImpl impl ? impl.outQueue.size() : 0;
    }

    /**
     * Bytes queued for this peer and not yet handed to the socket, those still being batched
     * included; also updates the room-wide total. Any thread.
     */
    public long queuedBytes() {
        // Reset before counting: a frame queued meanwhile is then counted twice at worst, never missed.
        // The batch first: a flush in between moves its bytes into the queue, counted twice, not lost.
        queuedSinceCount.set(0);
        long bytes = unsentBytes();
        if (socket instanceof WebSocketImpl impl) {
            for (ByteBuffer buffer : impl.outQueue) {
                bytes += buffer.remaining();
            }
        }
        limits.budget().update(this, bytes);
        counted = bytes;
        return bytes;
    }

    private boolean isTooFarBehind(long nextFrameBytes) {
        if (!(socket instanceof WebSocketImpl impl)) {
            return false;
        }
        if (impl.outQueue.size() >= limits.maxFrames()) {
            return true;
        }
        // Without counting: the last count plus what was queued since bounds the queue from above (the
        // peer may have read some), so when even that is far from every limit the answer is no.
        long since = queuedSinceCount.get();
        long bound = counted + since;
        if (since < RECOUNT_BYTES && bound + nextFrameBytes <= limits.maxBytes()
                && (bound <= SOFT_QUEUE_BYTES || !limits.budget().exceeded())) {
            return false;
        }
        long queued = queuedBytes();
        // When the whole room is over its budget, whoever hoards more than a little is let go first.
        return queued + nextFrameBytes > limits.maxBytes()
                || (queued > SOFT_QUEUE_BYTES && limits.budget().exceeded());
    }

    /**
     * Whether a new request may start work for this connection: not while it has too many requests
     * unanswered, nor while it has not read what it was already sent, nor (when the whole room is
     * over its outbound budget) while anything waits for it. A reply's cost is thus counted before
     * it is built, and a reader that does not read gets nothing more to not read.
     */
    Refusal admitWork(boolean heavy) {
        if (pending.get() >= limits.maxPendingRequests() || (heavy && heavyPending.get() >= MAX_HEAVY_PENDING)) {
            return new Refusal(ErrorCode.RATE_LIMITED, "Too many requests in flight; wait for their replies.", 200L);
        }
        long queued = queuedBytes();
        if (queued > Math.min(limits.maxBytes() / 4, SOFT_QUEUE_BYTES) || (queued > 0 && limits.budget().exceeded())) {
            return new Refusal(ErrorCode.RATE_LIMITED, "Read the replies already sent before asking for more.", 500L);
        }
        return null;
    }

    void requestStarted(boolean heavy) {
        pending.incrementAndGet();
        if (heavy) {
            heavyPending.incrementAndGet();
        }
    }

    /** Requests accepted and not yet answered. */
    int pendingRequests() {
        return pending.get();
    }

    /** A request of this connection got its reply (or never started). */
    void requestEnded(boolean heavy) {
        pending.decrementAndGet();
        if (heavy) {
            heavyPending.decrementAndGet();
        }
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
            // What this thread or the room sent before closing goes out before the close frame.
            flushPending();
            limits.budget().forget(this);
            socket.close(code, message);
            limits.hardCloseAfterGrace(socket);
        }
    }

    /**
     * A text frame's UTF-8 bytes, made once per text and thread. A broadcast hands every recipient
     * the same String, so the room thread encodes (and the library would UTF-8-validate) it once
     * instead of once per recipient: that was about a sixth of a presence storm's CPU. Confined to its
     * thread; each sending thread keeps its last frame's bytes until its next send (a history page at most).
     */
    private record Prepared(String text, byte[] utf8) {
        private static final ThreadLocal<Prepared> LAST = new ThreadLocal<>();

        static Prepared of(String text) {
            Prepared last = LAST.get();
            if (last != null && last.text == text) {
                return last;
            }
            Prepared made = new Prepared(text, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            LAST.set(made);
            return made;
        }

    }

    @Override
    public String toString() {
        OnlineUser current = user;
        return "connection#" + id + (current == null ? "" : "(" + current.name() + ")");
    }
}
