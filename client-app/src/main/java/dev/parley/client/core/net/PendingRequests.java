package dev.parley.client.core.net;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.ClientException;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests waiting for their reply, matched by id, each with a timeout. Event thread only. */
final class PendingRequests {
    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private record Pending(Request request, CompletableFuture<Reply> reply, ClientEventLoop.Timer timeout) {
    }

    private final Map<String, Pending> byId = new HashMap<>();
    private final ClientEventLoop loop;
    private final long timeoutMillis;
    private final BiConsumer<Request, Reply> onSuccess;
    private long lastId;

    /** @param onSuccess told of every successful reply before its future completes */
    PendingRequests(ClientEventLoop loop, long timeoutMillis, BiConsumer<Request, Reply> onSuccess) {
        this.loop = loop;
        this.timeoutMillis = timeoutMillis;
        this.onSuccess = onSuccess;
    }

    /** Registers a request about to be sent and returns its id. */
    String register(Request request, CompletableFuture<Reply> reply) {
        String id = "c" + (++lastId);
        ClientEventLoop.Timer timeout = loop.schedule(() -> timedOut(id), timeoutMillis, TimeUnit.MILLISECONDS);
        byId.put(id, new Pending(request, reply, timeout));
        return id;
    }

    void complete(String id, Reply reply) {
        Pending pending = byId.remove(id);
        if (pending == null) {
            log.debug("Reply {} to request {} came after it was given up", reply.getClass().getSimpleName(), id);
            return;
        }
        pending.timeout().cancel();
        if (reply instanceof ErrorReply error) {
            pending.reply().completeExceptionally(new RequestFailed(error.code(), error.message(), error.retryAfterMs()));
        } else {
            onSuccess.accept(pending.request(), reply);
            pending.reply().complete(reply);
        }
    }

    void fail(String id, ClientException error) {
        Pending pending = byId.remove(id);
        if (pending != null) {
            pending.timeout().cancel();
            pending.reply().completeExceptionally(error);
        }
    }

    /** Fails every waiting request (the connection is gone). */
    void failAll(ClientException error) {
        List<Pending> all = new ArrayList<>(byId.values());
        byId.clear();
        for (Pending pending : all) {
            pending.timeout().cancel();
            pending.reply().completeExceptionally(error);
        }
    }

    private void timedOut(String id) {
        Pending pending = byId.get(id);
        if (pending != null) {
            log.debug("Request {} ({}) timed out", id, pending.request().getClass().getSimpleName());
            fail(id, new RequestTimedOut("The server did not answer in time."));
        }
    }
}
