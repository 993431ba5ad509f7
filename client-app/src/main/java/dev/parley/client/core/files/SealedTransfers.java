package dev.parley.client.core.files;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import dev.parley.protocol.e2e.SealedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in an end-to-end encrypted channel ({@link SealedFile}): sending seals the file into a scratch file
 * and uploads that under a sealed name (and caption); saving downloads the ciphertext (checked against the
 * message's sha256 by {@link FileDownload}), opens it into a scratch file beside the target and moves it into
 * place only when every segment checked, so a wrong key or an altered file never leaves plaintext, whole or
 * partial, under the real name. Sealing and opening run on one named daemon thread (they are CPU and disk
 * work, never on the UI or the client's event thread). Thread-safe.
 */
public final class SealedTransfers {
    private static final Logger log = LoggerFactory.getLogger(SealedTransfers.class);
    /** One thread for all sealing and opening: bounded, and files are rarely sealed two at a time. */
    private static final ExecutorService WORK = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "parley-file-sealing");
        thread.setDaemon(true);
        return thread;
    });

    private SealedTransfers() {
    }

    /**
     * Seals {@code file} (shown as {@code name}) with {@code key}, the key of the channel's current epoch, and
     * sends it into that channel as {@code selfId}'s, with an optional caption sealed like chat text.
     *
     * @param scratch a private folder for the sealed copy (deleted when the upload ends)
     */
    public static Transfer<ChatMessage> upload(ControlClient client, ChannelKey key, long selfId, Path file, String name,
                                               String caption, Path scratch) {
        Transfer<ChatMessage> transfer = new Transfer<>();
        Chained<ChatMessage> chain = new Chained<>(transfer);
        WORK.execute(() -> {
            Path sealed = null;
            try {
                Files.createDirectories(scratch);
                sealed = Files.createTempFile(scratch, "sealing-", ".e2e");
                String sealedName = SealedFile.sealName(key, selfId, name);
                try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(sealed)) {
                    SealedFile.seal(key, selfId, sealedName, in, out);
                }
                String sealedCaption = caption == null || caption.isBlank() ? null : SealedText.seal(key, selfId, caption);
                Path toDelete = sealed;
                chain.then(() -> FileUpload.start(client, Conversation.channel(key.channelId()), toDelete, sealedName,
                        sealedCaption), () -> deleteQuietly(toDelete), null);
            } catch (IOException e) {
                deleteQuietly(sealed);
                chain.fail(new UncheckedIOException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e));
            } catch (RuntimeException e) {
                // Never a transfer that hangs: whatever went wrong ends it, and is said where transfers fail.
                deleteQuietly(sealed);
                chain.fail(e);
            }
        });
        return transfer;
    }

    /**
     * Saves the file of {@code message} (in an encrypted channel) opened with {@code key} to {@code target}.
     * Fails with {@link SealedFile.Unreadable} when the key does not open it (another epoch or passphrase, or
     * altered), before anything appears at {@code target}.
     */
    public static Transfer<Path> download(ControlClient client, ChannelKey key, ChatMessage message, Path target) {
        FileInfo file = message.file();
        Transfer<Path> transfer = new Transfer<>();
        Chained<Path> chain = new Chained<>(transfer);
        Optional<Integer> epoch = SealedText.epochOf(file.name());
        if (epoch.isEmpty() || epoch.get() != key.epoch()) {
            chain.fail(new SealedFile.Unreadable(epoch.isEmpty() ? "This file is not end-to-end encrypted."
                    : "This file was sealed with the key of epoch " + epoch.get() + "; the passphrase given is for epoch "
                    + key.epoch() + "."));
            return transfer;
        }
        Path absolute = target.toAbsolutePath();
        Path sealed = absolute.resolveSibling(absolute.getFileName() + ".sealed");
        Path opening = absolute.resolveSibling(absolute.getFileName() + ".opening");
        chain.then(() -> FileDownload.start(client, message.id(), false, file.sha256(), sealed), () -> { },
                saved -> {
                    try (InputStream in = Files.newInputStream(saved); OutputStream out = Files.newOutputStream(opening)) {
                        SealedFile.open(key, message.authorId(), file.name(), in, out);
                    } catch (IOException | SealedFile.Unreadable e) {
                        deleteQuietly(opening);
                        throw new CompletionException(e);
                    } finally {
                        deleteQuietly(saved);
                    }
                    try {
                        Files.move(opening, absolute, StandardCopyOption.REPLACE_EXISTING);
                        return absolute;
                    } catch (IOException e) {
                        deleteQuietly(opening);
                        throw new CompletionException(new UncheckedIOException("Cannot save " + absolute + ": "
                                + e.getMessage(), e));
                    }
                });
        return transfer;
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Could not delete scratch file {}: {}", path, e.getMessage());
        }
    }

    /**
     * An outer transfer made of a step run elsewhere (sealing) and an inner transfer (the upload or download),
     * and optionally a step after it (opening, on the sealing thread). Passes the inner progress and outcome
     * on; cancelling the outer cancels whichever part is running. Thread-safe (parts run on the sealing thread and the event thread).
     */
    private static final class Chained<T> {
        private final Transfer<T> outer;
        private Transfer<?> inner;
        private boolean cancelled;

        Chained(Transfer<T> outer) {
            this.outer = outer;
            outer.whenCancelled(this::cancel);
        }

        /**
         * Starts {@code next} and finishes the outer transfer with its outcome, passed through {@code after}
         * (null: as it is); {@code cleanup} runs when the inner transfer ends.
         */
        void then(java.util.function.Supplier<Transfer<T>> next, Runnable cleanup,
                  java.util.function.UnaryOperator<T> after) {
            Transfer<T> started;
            synchronized (this) {
                if (cancelled) {
                    cleanup.run();
                    return;
                }
                started = next.get();
                inner = started;
            }
            started.onProgress(progress -> outer.progressed(progress.done(), progress.total()));
            started.result().whenComplete((value, error) -> {
                cleanup.run();
                if (error != null) {
                    fail(error);
                } else if (after == null) {
                    outer.result().complete(value);
                } else {
                    WORK.execute(() -> {
                        try {
                            outer.result().complete(after.apply(value));
                        } catch (RuntimeException e) {
                            fail(e); // a CompletionException carries the opening's own error
                        }
                    });
                }
            });
        }

        void fail(Throwable error) {
            outer.result().completeExceptionally(error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error);
        }

        private void cancel() {
            Transfer<?> running;
            synchronized (this) {
                cancelled = true;
                running = inner;
            }
            if (running != null) {
                running.cancel();
            } else {
                outer.result().completeExceptionally(new CancellationException("Cancelled."));
            }
        }
    }
}
