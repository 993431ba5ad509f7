package dev.parley.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/**
 * A raw client that speaks JSON text and measures every frame the server sends before anything
 * else looks at it, the way an attacker's script (or a client refusing frames over 64 KiB) would.
 * Knows no message records, so it measures any version of the server alike. Thread-safe.
 */
public final class FrameRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger();

    private final LinkedBlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final AtomicInteger largest = new AtomicInteger();
    private final AtomicInteger largestType = new AtomicInteger();
    private volatile String largestFrameType = "";
    private final Socket socket;

    private final class Socket extends WebSocketClient {
        Socket(URI uri) {
            super(uri);
            setConnectionLostTimeout(0);
            if ("wss".equals(uri.getScheme())) {
                setSocketFactory(TestTls.anyCertificate());
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
            int bytes = frame.getBytes(StandardCharsets.UTF_8).length;
            try {
                JsonNode node = JSON.readTree(frame);
                synchronized (largestType) {
                    if (bytes > largest.get()) {
                        largest.set(bytes);
                        largestFrameType = node.path("type").asText();
                    }
                }
                if (node.hasNonNull("id")) {
                    replies.add(node);
                }
            } catch (java.io.IOException e) {
                replies.add(JSON.createObjectNode().put("type", "unreadable"));
            }
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
        }

        @Override
        public void onError(Exception ex) {
        }
    }

    private FrameRecorder(URI uri) throws InterruptedException {
        socket = new Socket(uri);
        if (!socket.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
    }

    /** Connects to a TLS room on loopback and says hello. */
    public static FrameRecorder hello(int port, boolean tls) throws InterruptedException {
        FrameRecorder client = new FrameRecorder(URI.create((tls ? "wss" : "ws") + "://127.0.0.1:" + port + "/"));
        JsonNode ok = client.request("hello", "{\"protocol\":1}");
        if (!"hello.ok".equals(ok.path("type").asText())) {
            throw new IllegalStateException("hello refused: " + ok);
        }
        return client;
    }

    /** Sends one request and waits for the frame answering it (its reply or error). */
    public JsonNode request(String type, String payloadJson) throws InterruptedException {
        String id = "r" + IDS.incrementAndGet();
        socket.send("{\"type\":\"" + type + "\",\"id\":\"" + id + "\",\"payload\":" + payloadJson + "}");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode reply = replies.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (reply == null) {
                return JSON.createObjectNode().put("type", "timeout").put("largestSeen", largest.get());
            }
            if (id.equals(reply.path("id").asText())) {
                return reply;
            }
        }
    }

    /** The largest text frame the server sent on this connection, in UTF-8 bytes. */
    public int largestFrameBytes() {
        return largest.get();
    }

    public String largestFrameType() {
        return largestFrameType;
    }

    @Override
    public void close() {
        socket.close();
    }
}
