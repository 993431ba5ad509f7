package dev.parley.server.files;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.server.chat.Author;
import dev.parley.server.chat.ChatRepository;
import dev.parley.server.chat.ChatViews;
import dev.parley.server.chat.Inserted;
import dev.parley.server.chat.StoredMessage;
import dev.parley.server.control.Refusal;
import dev.parley.server.db.Database;
import dev.parley.server.db.SqlSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the room's stored files and the database in step: stores a finished upload as a message with
 * its file (once per content, within the quota), removes contents no message refers to, and knows the
 * usage for /metrics. Every change to the files folder runs on the database thread inside the
 * transaction that records it, so a file being stored and the same content being collected never race.
 * Thread-safe.
 */
public final class FileService {
    private static final Logger log = LoggerFactory.getLogger(FileService.class);

    /** An upload checked and hashed, ready to become a message. */
    public record Ready(Upload upload, String sha256, String mediaType, Thumbnailer.Thumbnail thumbnail) {
    }

    private final Database database;
    private final ChatRepository chat;
    private final FileRepository files = new FileRepository();
    private final FileStore store;
    private final FileLimits limits;
    private final Clock clock;
    private final AtomicLong usedBytes = new AtomicLong();
    private final AtomicLong storedFiles = new AtomicLong();

    public FileService(Database database, ChatRepository chat, FileStore store, FileLimits limits, Clock clock) {
        this.database = database;
        this.chat = chat;
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** At start: drops uploads of an earlier run, files without a row and rows without a message. */
    public void recover() {
        store.clearUploads();
        database.transact(c -> {
            collect(c);
            Set<String> known = new HashSet<>(files.allStored(c));
            try {
                for (String onDisk : store.storedHashes()) {
                    if (!known.contains(onDisk)) {
                        store.delete(onDisk);
                    }
                }
            } catch (IOException e) {
                log.warn("Could not list the stored files: {}", e.toString());
            }
            refreshUsage(c);
            return null;
        });
    }

    public FileLimits limits() {
        return limits;
    }

    public long usedBytes() {
        return usedBytes.get();
    }

    public long storedFiles() {
        return storedFiles.get();
    }

    /**
     * Stores the upload's bytes (unless the same content is stored already) and posts the message that
     * carries them, in one transaction. Completes with the message as its sender sees it.
     */
    public CompletableFuture<Chat.Sent> store(Ready ready, Author author) {
        Upload.Plan plan = ready.upload().plan();
        return database.submit(c -> {
            Inserted inserted = chat.insertForFile(c, plan.conversation(), author,
                    plan.text() == null ? "" : plan.text(), plan.nonce());
            if (inserted.duplicate()) {
                return new Chat.Sent(ChatViews.wire(inserted.message(), List.of(), author.key()), true);
            }
            OptionalLong stored = files.storedBytes(c, ready.sha256());
            byte[] thumb = ready.thumbnail() == null ? null : ready.thumbnail().jpeg();
            if (stored.isEmpty()) {
                long added = plan.size() + (thumb == null ? 0 : thumb.length);
                long used = files.usage(c).bytes();
                if (used + added > limits.quotaBytes()) {
                    throw new Refusal(ErrorCode.LIMIT_REACHED, "The room's file storage is full ("
                            + FileLimits.describe(used) + " of " + FileLimits.describe(limits.quotaBytes())
                            + " used); this file needs " + FileLimits.describe(added) + ". Ask the host to make room.");
                }
                files.insertStored(c, ready.sha256(), plan.size(), thumb == null ? 0 : thumb.length, ready.mediaType(),
                        SqlSupport.now(clock));
            }
            FileInfo info = new FileInfo(ready.sha256(), plan.name(), plan.size(), ready.mediaType(),
                    ready.thumbnail() == null ? null : ready.thumbnail().width(),
                    ready.thumbnail() == null ? null : ready.thumbnail().height(), thumb != null);
            long messageId = inserted.message().id();
            files.attach(c, messageId, info);
            StoredMessage message = chat.findById(c, messageId).orElseThrow();
            // Last, so a failure here rolls the rows back with nothing on disk to undo.
            try {
                store.moveIntoPlace(ready.upload().partial(), store.blob(ready.sha256()));
                if (thumb != null && !Files.exists(store.thumbnail(ready.sha256()))) {
                    Files.write(store.thumbnail(ready.sha256()), thumb);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not store file " + ready.sha256(), e);
            }
            refreshUsage(c);
            return new Chat.Sent(ChatViews.wire(message, List.of(), author.key()), false);
        });
    }

    /** Removes the contents no message refers to any more (after a message was deleted). */
    public CompletableFuture<Void> collectGarbage() {
        return database.submit(c -> {
            collect(c);
            refreshUsage(c);
            return null;
        });
    }

    private void collect(java.sql.Connection c) throws java.sql.SQLException {
        for (String orphan : files.orphans(c)) {
            files.deleteStored(c, orphan);
            store.delete(orphan);
            log.debug("Removed stored file {}: no message refers to it", orphan);
        }
    }

    private void refreshUsage(java.sql.Connection c) throws java.sql.SQLException {
        FileRepository.Usage usage = files.usage(c);
        usedBytes.set(usage.bytes());
        storedFiles.set(usage.files());
    }

    /** Where the bytes of a stored content are, or its thumbnail. */
    public Path path(String sha256, boolean thumbnail) {
        return thumbnail ? store.thumbnail(sha256) : store.blob(sha256);
    }
}
