package dev.parley.server.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /health} (JSON) and {@code GET /metrics} (Prometheus text) on their own small port.
 *
 * <p>The JDK's {@code HttpServer} reads each request on its executor thread with no timeout, so one
 * client sending a single byte stopped it for as long as it kept the connection (issue 11). This one
 * never blocks on a peer: one selector thread reads request heads without blocking, gives each
 * connection {@value #HEAD_TIMEOUT_MS} ms to send its head, holds at most {@value #MAX_CONNECTIONS}
 * connections (a newcomer evicts the oldest), and answers with {@code Connection: close}. Metrics,
 * which ask the room thread, are produced on one more thread with a short queue. Thread-safe.
 */
public final class HttpEndpoint implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
    static final long HEAD_TIMEOUT_MS = 2_000;
    static final int MAX_CONNECTIONS = 64;
    private static final int MAX_HEAD_BYTES = 8 * 1024;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Thread loop;
    private final ThreadPoolExecutor slowBodies;
    private final Supplier<String> health;
    private final Supplier<MetricsSnapshot> metrics;
    /** Answers ready to write, handed from the body thread to the selector thread. */
    private final ConcurrentLinkedQueue<Runnable> handOver = new ConcurrentLinkedQueue<>();
    private volatile boolean closed;

    /** One client connection's state. Selector thread only. */
    private static final class Exchange {
        final SocketChannel channel;
        final long acceptedAt;
        final ByteBuffer head = ByteBuffer.allocate(MAX_HEAD_BYTES);
        ByteBuffer answer;
        boolean headComplete;

        Exchange(SocketChannel channel, long acceptedAt) {
            this.channel = channel;
            this.acceptedAt = acceptedAt;
        }
    }

    /**
     * {@code POST /backup}, for the admin tool on the room's own machine: answered only with
     * {@code Authorization: Bearer TOKEN}, the token the room wrote into its owner-only data folder (so
     * whoever may read that folder may take a backup, as they could copy the stopped room anyway).
     */
    public record BackupRoute(byte[] token, Supplier<String> backup) {
        boolean authorises(String authorization) {
            if (authorization == null || !authorization.startsWith("Bearer ")) {
                return false;
            }
            byte[] given = authorization.substring("Bearer ".length()).strip().getBytes(StandardCharsets.ISO_8859_1);
            return java.security.MessageDigest.isEqual(given, token);
        }
    }

    private final BackupRoute backupRoute;

    public HttpEndpoint(InetSocketAddress address, Supplier<String> health, Supplier<MetricsSnapshot> metrics)
            throws IOException {
        this(address, health, metrics, null);
    }

    public HttpEndpoint(InetSocketAddress address, Supplier<String> health, Supplier<MetricsSnapshot> metrics,
            BackupRoute backupRoute) throws IOException {
        this.health = health;
        this.metrics = metrics;
        this.backupRoute = backupRoute;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        listener.bind(address, 64);
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT);
        this.slowBodies = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4), task -> {
            Thread thread = new Thread(task, "parley-http-metrics");
            thread.setDaemon(true);
            return thread;
        });
        this.loop = new Thread(this::run, "parley-http");
        loop.setDaemon(true);
        loop.start();
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    private void run() {
        while (!closed) {
            try {
                selector.select(250);
                Runnable ready;
                while ((ready = handOver.poll()) != null) {
                    ready.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                dropLatecomers();
            } catch (ClosedSelectorException e) {
                break;
            } catch (IOException | RuntimeException e) {
                log.warn("Health endpoint loop hiccup; carrying on: {}", e.toString());
            }
        }
        try {
            for (SelectionKey key : selector.keys()) {
                close(key);
            }
            selector.close();
            listener.close();
        } catch (IOException | ClosedSelectorException e) {
            log.debug("Closing the health endpoint: {}", e.toString());
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            SocketChannel channel = listener.accept();
            if (channel == null) {
                return;
            }
            evictOldestIfFull();
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Exchange(channel, System.currentTimeMillis()));
            return;
        }
        Exchange exchange = (Exchange) key.attachment();
        try {
            if (key.isReadable()) {
                read(key, exchange);
            } else if (key.isWritable()) {
                write(key, exchange);
            }
        } catch (IOException e) {
            close(key);
        }
    }

    private void read(SelectionKey key, Exchange exchange) throws IOException {
        if (exchange.channel.read(exchange.head) < 0) {
            close(key);
            return;
        }
        String soFar = new String(exchange.head.array(), 0, exchange.head.position(), StandardCharsets.ISO_8859_1);
        if (!soFar.contains("\r\n\r\n")) {
            if (!exchange.head.hasRemaining()) {
                respond(key, exchange, Answer.plain(431, "Request Header Fields Too Large"));
            }
            return;
        }
        key.interestOps(0);
        exchange.headComplete = true;
        String[] requestLine = soFar.substring(0, soFar.indexOf("\r\n")).split(" ");
        String method = requestLine[0];
        String path = requestLine.length > 1 ? requestLine[1].split("\\?", 2)[0] : "";
        if (path.equals("/backup") && backupRoute != null) {
            backup(key, exchange, method, header(soFar, "authorization"));
        } else if (!path.equals("/health") && !path.equals("/metrics")) {
            respond(key, exchange, Answer.plain(404, "Not Found"));
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            respond(key, exchange, Answer.plain(405, "Method Not Allowed"));
        } else if (path.equals("/health")) {
            respond(key, exchange, Answer.body("application/json", health, method));
        } else {
            try {
                slowBodies.execute(() -> {
                    Answer answer = Answer.body("text/plain; version=0.0.4; charset=utf-8",
                            () -> metrics.get().toPrometheusText(), method);
                    handOver.add(() -> respond(key, exchange, answer));
                    selector.wakeup();
                });
            } catch (RejectedExecutionException e) {
                respond(key, exchange, Answer.plain(503, "Service Unavailable"));
            }
        }
    }

    private void backup(SelectionKey key, Exchange exchange, String method, String authorization) {
        if (!method.equals("POST")) {
            respond(key, exchange, Answer.notAllowed("POST"));
        } else if (!backupRoute.authorises(authorization)) {
            respond(key, exchange, Answer.plain(401, "Unauthorized"));
        } else {
            try {
                slowBodies.execute(() -> {
                    Answer answer = Answer.body("application/json", backupRoute.backup(), method);
                    handOver.add(() -> respond(key, exchange, answer));
                    selector.wakeup();
                });
            } catch (RejectedExecutionException e) {
                respond(key, exchange, Answer.plain(503, "Service Unavailable"));
            }
        }
    }

    /** A header's value from a request head, by its lower-case name; null when absent. */
    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).strip();
            }
        }
        return null;
    }

    private void respond(SelectionKey key, Exchange exchange, Answer answer) {
        if (!key.isValid()) {
            return;
        }
        exchange.answer = ByteBuffer.wrap(answer.bytes());
        try {
            write(key, exchange);
        } catch (IOException e) {
            close(key);
        }
    }

    private void write(SelectionKey key, Exchange exchange) throws IOException {
        exchange.channel.write(exchange.answer);
        if (exchange.answer.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
        } else {
            close(key);
        }
    }

    /** Connections that did not finish sending their request head in time are closed. */
    private void dropLatecomers() {
        long now = System.currentTimeMillis();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Exchange exchange && !exchange.headComplete
                    && now - exchange.acceptedAt > HEAD_TIMEOUT_MS) {
                close(key);
            }
        }
    }

    private void evictOldestIfFull() {
        List<SelectionKey> open = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.isValid() && key.attachment() instanceof Exchange) {
                open.add(key);
            }
        }
        if (open.size() >= MAX_CONNECTIONS) {
            open.stream().min(Comparator.comparingLong(key -> ((Exchange) key.attachment()).acceptedAt))
                    .ifPresent(this::close);
        }
    }

    private void close(SelectionKey key) {
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException e) {
            log.debug("Closing a health connection failed: {}", e.toString());
        }
    }

    /** A complete HTTP/1.1 response. */
    private record Answer(byte[] bytes) {
        /** 405, naming what the path does take. */
        static Answer notAllowed(String allow) {
            return new Answer(("HTTP/1.1 405 Method Not Allowed\r\nAllow: " + allow + "\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }

        static Answer plain(int status, String reason) {
            String extra = status == 405 ? "Allow: GET, HEAD\r\n" : "";
            return new Answer(("HTTP/1.1 " + status + " " + reason + "\r\n" + extra
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }

        static Answer body(String contentType, Supplier<String> producer, String method) {
            int status = 200;
            byte[] body;
            try {
                body = producer.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                log.warn("Could not produce a health answer: {}", e.toString());
                body = "{\"status\":\"error\"}".getBytes(StandardCharsets.UTF_8);
                status = 503;
            }
            String head = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Service Unavailable") + "\r\n"
                    + "Content-Type: " + contentType + "\r\nCache-Control: no-store\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
            if ("HEAD".equals(method)) {
                return new Answer(headBytes);
            }
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            return new Answer(all);
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        slowBodies.shutdownNow();
        try {
            loop.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
