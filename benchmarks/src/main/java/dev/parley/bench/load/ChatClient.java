package dev.parley.bench.load;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * One chat client of the load (Java-WebSocket, like Parley's own client): counts every
 * {@code chat.message} it receives and records its delivery delay from the send time the shared
 * {@link ChatClock} holds for the message's nonce. Parley and the Node peer put {@code type} first
 * and carry the nonce as {@code "nonce":"m<index>"}, so the client finds both with a string search
 * and parses nothing else: the client costs the same against either server. Other frames (replies
 * while signing in) go to a queue. Its counters are touched by its own read thread only.
 */
final class ChatClient extends WebSocketClient {

    private static final String MESSAGE_PREFIX = "{\"type\":\"chat.message\"";
    private static final String NONCE_KEY = "\"nonce\":\"m";

    private final ChatClock clock;
    private final BlockingQueue<String> otherFrames = new LinkedBlockingQueue<>();
    private volatile LatencyHistogram latency = new LatencyHistogram();
    /** Released once per message of this client's own that comes back to it (flow control for senders). */
    final Semaphore window;
    final int senderIndex;
    final int senders;
    private volatile long messages;
    private volatile String trouble;

    ChatClient(URI uri, ChatClock clock, int senderIndex, int senders, int window) {
        super(uri);
        setConnectionLostTimeout(0);
        setTcpNoDelay(true);
        this.clock = clock;
        this.senderIndex = senderIndex;
        this.senders = senders;
        this.window = new Semaphore(window);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String frame) {
        if (!frame.startsWith(MESSAGE_PREFIX)) {
            otherFrames.add(frame);
            return;
        }
        long now = System.nanoTime();
        int at = frame.indexOf(NONCE_KEY);
        if (at < 0) {
            return;
        }
        int start = at + NONCE_KEY.length();
        int index = 0;
        for (int i = start; i < frame.length() && Character.isDigit(frame.charAt(i)); i++) {
            index = index * 10 + (frame.charAt(i) - '0');
        }
        if (clock.measured(index)) {
            latency.recordNanos(now - clock.sentAt(index));
        }
        if (senders > 0 && index % senders == senderIndex && clock.flowControlled(index)) {
            window.release();
        }
        messages++;
    }

    /** The next frame that was not a chat message, or null after the timeout. */
    String nextOtherFrame() throws InterruptedException {
        return otherFrames.poll(30, TimeUnit.SECONDS);
    }

    long messages() {
        return messages;
    }

    /** Read only once every expected message has arrived (the read thread has gone quiet). */
    LatencyHistogram latency() {
        return latency;
    }

    /** Starts a fresh latency record; call only while no messages are in flight. */
    void resetLatency() {
        latency = new LatencyHistogram();
    }

    /** How the connection ended, or what went wrong on it, for a tool error that has to say why. */
    String trouble() {
        return trouble;
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        trouble = "closed by " + (remote ? "the server" : "the tool") + " with " + code + " " + reason
                + (trouble == null ? "" : " after " + trouble);
    }

    @Override
    public void onError(Exception error) {
        trouble = "error " + error;
    }
}
