package dev.parley.client.core.net;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Reply;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.Presence;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a resumed session back where it was: the channel (with its remembered password), the chosen
 * presence, then every chat message missed while away, page by page. Event thread only.
 */
final class SessionRestore {
    private static final Logger log = LoggerFactory.getLogger(SessionRestore.class);

    /** The freshly resumed connection. */
    interface Connection {
        <R extends Reply> CompletableFuture<R> send(Request request, Class<R> replyType);

        /** False once this connection has been replaced or closed. */
        boolean current();

        /** Hands a caught-up message to listeners as an ordinary event. */
        void deliver(Event event);
    }

    private final Connection connection;
    private final SessionMemory memory;
    private final long channelBefore;
    private final long lastSeenBefore;

    SessionRestore(Connection connection, SessionMemory memory, long channelBefore, long lastSeenBefore) {
        this.connection = connection;
        this.memory = memory;
        this.channelBefore = channelBefore;
        this.lastSeenBefore = lastSeenBefore;
    }

    CompletableFuture<Void> run() {
        return rejoin().thenCompose(ignored -> restorePresence()).thenCompose(ignored -> catchUp(lastSeenBefore));
    }

    private CompletableFuture<Void> rejoin() {
        if (channelBefore <= 0 || channelBefore == memory.channelId()) {
            return CompletableFuture.completedFuture(null);
        }
        String password = memory.passwordFor(channelBefore);
        return connection.send(new Channels.Join(channelBefore, password), Ok.class).handle((ok, error) -> {
            if (error != null) {
                // The channel may be gone or its password changed: staying in the lobby is the honest outcome.
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                log.info("Could not rejoin channel {}: {}", channelBefore, cause.getMessage());
                if (cause instanceof RequestFailed refused && refused.code() == ErrorCode.CHANNEL_PASSWORD) {
                    memory.forgetPassword(channelBefore);
                }
            }
            return null;
        });
    }

    private CompletableFuture<Void> restorePresence() {
        Presence wanted = memory.presence();
        if (wanted == null || wanted == Presence.ONLINE) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.send(new Session.SetPresence(wanted), Ok.class).thenApply(ok -> null);
    }

    private CompletableFuture<Void> catchUp(long afterId) {
        return connection.send(new Chat.CatchUp(afterId, null), Chat.Page.class).thenCompose(page -> {
            if (!connection.current()) {
                return CompletableFuture.completedFuture(null);
            }
            page.messages().forEach(message -> connection.deliver(new Chat.Posted(message)));
            if (page.hasMore() && !page.messages().isEmpty()) {
                return catchUp(page.messages().get(page.messages().size() - 1).id());
            }
            return CompletableFuture.completedFuture(null);
        });
    }
}
