package dev.parley.server.control;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Reply;
import dev.parley.server.db.Database;
import dev.parley.server.db.SqlWork;
import dev.parley.server.db.StoreException;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.session.OnlineUser;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request being answered. Handlers run on the room thread; slow work (SQL, password hashing)
 * is handed to its own executor and the continuation comes back to the room thread. Whatever
 * happens, the request gets exactly one reply.
 */
public final class Call {
    private static final Logger log = LoggerFactory.getLogger(Call.class);

    private final ClientConnection connection;
    private final String requestId;
    private final RoomLoop room;
    private final Database database;
    private final Executor slowWork;
    private boolean answered;
    private final boolean heavy;

    Call(ClientConnection connection, String requestId, RoomLoop room, Database database, Executor slowWork) {
        this(connection, requestId, room, database, slowWork, false);
    }

    /** @param heavy whether the reply may be large (a history page); the connection counts those apart */
    Call(ClientConnection connection, String requestId, RoomLoop room, Database database, Executor slowWork,
         boolean heavy) {
        this.heavy = heavy;
        this.connection = connection;
        this.requestId = requestId;
        this.room = room;
        this.database = database;
        this.slowWork = slowWork;
    }

    public ClientConnection connection() {
        return connection;
    }

    /** The signed-in user; the router only lets signed-in calls reach handlers that need one. */
    public OnlineUser user() {
        return connection.user();
    }

    public void reply(Reply reply) {
        if (answered) {
            throw new IllegalStateException("request " + requestId + " answered twice");
        }
        answered = true;
        connection.requestEnded(heavy);
        connection.reply(requestId, reply);
    }

    public void fail(ErrorCode code, String message) {
        fail(new ErrorReply(code, message));
    }

    private void fail(ErrorReply error) {
        if (!answered) {
            answered = true;
            connection.requestEnded(heavy);
            connection.reply(requestId, error);
        }
    }

    /** Runs SQL on the database executor in one transaction, then {@code then} on the room thread. */
    public <T> void db(SqlWork<T> work, Consumer<T> then) {
        continueOnRoom(database.submit(work), then);
    }

    /** Waits for work already under way elsewhere, then runs {@code then} on the room thread. */
    public <T> void await(CompletableFuture<T> future, Consumer<T> then) {
        continueOnRoom(future, then);
    }

    /** Runs CPU-heavy work (password hashing) off the room thread, then {@code then} on it. */
    public <T> void offload(Supplier<T> work, Consumer<T> then) {
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(work, slowWork);
        } catch (RejectedExecutionException e) {
            fail(ErrorCode.RATE_LIMITED, "The server is busy; try again in a moment.");
            return;
        }
        continueOnRoom(future, then);
    }

    private <T> void continueOnRoom(CompletableFuture<T> future, Consumer<T> then) {
        future.whenComplete((value, error) -> {
            try {
                room.execute(() -> {
                    if (error != null) {
                        failWith(unwrap(error));
                    } else {
                        run(() -> then.accept(value));
                    }
                });
            } catch (RejectedExecutionException e) {
                fail(ErrorCode.RATE_LIMITED, "The server is busy; try again in a moment.");
            }
        });
    }

    /** Runs handler code, turning a refusal or failure into this call's error reply. */
    void run(Runnable handlerCode) {
        try {
            handlerCode.run();
        } catch (RuntimeException e) {
            failWith(e);
        }
    }

    private void failWith(Throwable error) {
        if (error instanceof Refusal refusal) {
            fail(new ErrorReply(refusal.code(), refusal.getMessage(), refusal.retryAfterMs()));
        } else if (error instanceof StoreException) {
            log.error("Storage failed for {} request {}", connection, requestId, error);
            fail(ErrorCode.INTERNAL, "The server could not save that; nothing was changed.");
        } else {
            log.error("Request {} from {} failed", requestId, connection, error);
            fail(ErrorCode.INTERNAL, "Something went wrong on the server.");
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
