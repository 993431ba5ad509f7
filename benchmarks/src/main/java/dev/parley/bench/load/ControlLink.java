package dev.parley.bench.load;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A voice client's control connection, kept light: the JDK's WebSocket client, whose connections
 * all share one small executor (a Java-WebSocket client costs two or three threads per connection,
 * see FIELD-NOTES). Requests and replies only; events are read and dropped. Thread-safe for one
 * caller at a time per link.
 */
public final class ControlLink implements AutoCloseable {

    private static final ControlCodec CODEC = new ControlCodec();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-control-links");
        thread.setDaemon(true);
        return thread;
    });
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(EXECUTOR).build();

    private final Map<String, CompletableFuture<Reply>> pending = new ConcurrentHashMap<>();
    private final WebSocket socket;

    private ControlLink(WebSocket socket) {
        this.socket = socket;
    }

    /** Connects and says hello. */
    public static ControlLink open(int port) {
        Receiver receiver = new Receiver();
        WebSocket socket = await(HTTP.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port), receiver));
        ControlLink link = new ControlLink(socket);
        receiver.link = link;
        link.call(new Session.Hello(ProtocolVersion.CURRENT, "parley-bench"), Session.HelloOk.class);
        return link;
    }

    /** Sends a request and waits for its reply, which must be of {@code type}. */
    public <R extends Reply> R call(Request request, Class<R> type) {
        String id = "b" + IDS.incrementAndGet();
        CompletableFuture<Reply> reply = new CompletableFuture<>();
        pending.put(id, reply);
        await(socket.sendText(CODEC.encode(Envelope.request(id, request)), true));
        Reply answer = await(reply);
        if (!type.isInstance(answer)) {
            throw new IllegalStateException(request + " got " + answer + " instead of " + type.getSimpleName());
        }
        return type.cast(answer);
    }

    private void onFrame(String frame) {
        if (CODEC.decode(frame) instanceof Decoded.Valid valid && valid.envelope().id() != null
                && valid.envelope().payload() instanceof Reply reply) {
            CompletableFuture<Reply> waiting = pending.remove(valid.envelope().id());
            if (waiting != null) {
                waiting.complete(reply);
            }
        }
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        socket.abort();
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("control connection failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reassembles text frames; the JDK hands them over in parts. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile ControlLink link;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                ControlLink current = link;
                if (current != null) {
                    current.onFrame(frame);
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
