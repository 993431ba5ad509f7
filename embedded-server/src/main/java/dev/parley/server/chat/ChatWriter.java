package dev.parley.server.chat;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.Database;
import dev.parley.server.db.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Stores chat messages with group commit: messages that arrive while a transaction is being written
 * go into the next one, so a busy room pays for one commit per batch instead of one per message.
 * Nothing is acknowledged before its batch has committed, and batches complete in order, so ids
 * are acknowledged in increasing order. Each message is its own savepoint: one refused message
 * (a reply to a missing message) does not fail the others. Thread-safe.
 */
public final class ChatWriter {
    private static final int MAX_BATCH = 256;
    private static final int MAX_QUEUED = 20_000;

    /** One message waiting to be stored. */
    public record Draft(ConversationKey conversation, Author author, String text, Long replyTo, String nonce) {
    }

    private record Pending(Draft draft, CompletableFuture<Chat.Sent> done) {
    }

    private record Outcome(Pending pending, Chat.Sent sent, RuntimeException failure) {
    }

    private final Database database;
    private final ChatRepository chat;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;

    public ChatWriter(Database database, ChatRepository chat) {
        this.database = database;
        this.chat = chat;
    }

    /** Completes after the message (or the original, for a repeated nonce) is committed. */
    public CompletableFuture<Chat.Sent> write(Draft draft) {
        CompletableFuture<Chat.Sent> done = new CompletableFuture<>();
        boolean startWriting;
        synchronized (queue) {
            if (queue.size() >= MAX_QUEUED) {
                done.completeExceptionally(new Refusal(ErrorCode.RATE_LIMITED, "The server is busy; try again in a moment."));
                return done;
            }
            queue.add(new Pending(draft, done));
            startWriting = !writing;
            writing = true;
        }
        if (startWriting) {
            writeNextBatch();
        }
        return done;
    }

    private void writeNextBatch() {
        List<Pending> batch = new ArrayList<>();
        synchronized (queue) {
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            if (batch.isEmpty()) {
                writing = false;
                return;
            }
        }
        database.submit(c -> store(c, batch)).whenComplete((outcomes, error) -> {
            if (error != null) {
                RuntimeException failure = error instanceof StoreException store ? store
                        : new StoreException("chat batch failed: " + error.getMessage(), error);
                batch.forEach(pending -> pending.done().completeExceptionally(failure));
            } else {
                for (Outcome outcome : outcomes) {
                    if (outcome.failure() != null) {
                        outcome.pending().done().completeExceptionally(outcome.failure());
                    } else {
                        outcome.pending().done().complete(outcome.sent());
                    }
                }
            }
            writeNextBatch();
        });
    }

    private List<Outcome> store(Connection c, List<Pending> batch) throws SQLException {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            Savepoint savepoint = c.setSavepoint();
            try {
                outcomes.add(new Outcome(pending, storeOne(c, pending.draft()), null));
                c.releaseSavepoint(savepoint);
            } catch (Refusal refusal) {
                c.rollback(savepoint);
                outcomes.add(new Outcome(pending, null, refusal));
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                outcomes.add(new Outcome(pending, null, new StoreException("could not store a message: " + e.getMessage(), e)));
            }
        }
        return outcomes;
    }

    private Chat.Sent storeOne(Connection c, Draft draft) throws SQLException {
        if (draft.replyTo() != null) {
            Optional<StoredMessage> original = chat.findById(c, draft.replyTo());
            if (original.isEmpty() || !original.get().conversation().equals(draft.conversation())) {
                throw Refusal.notFound("The message you reply to is not in this conversation.");
            }
        }
        Inserted inserted = chat.insert(c, draft.conversation(), draft.author(), draft.text(), draft.replyTo(),
                draft.nonce());
        List<StoredReaction> reactions = inserted.duplicate() ? chat.reactionCounts(c, inserted.message().id()) : List.of();
        return new Chat.Sent(ChatViews.wire(inserted.message(), reactions, inserted.message().authorKey()),
                inserted.duplicate());
    }
}
