package dev.parley.client.ui.files;

import dev.parley.client.core.files.FileDownload;
import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.files.SealedTransfers;
import dev.parley.client.core.files.Transfer;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.image.Image;

/**
 * Files in the open conversation: sending (from a file, a drop or a pasted image), the transfers under
 * way with their progress, thumbnails, and fetching a file to open or save. In an end-to-end encrypted
 * channel ({@link #useSealing}) files are sealed before they leave and opened after they arrive. The view-model behind the
 * chat's attach button and file cards; UI thread only (core callbacks come in through {@link UiThread}).
 */
public final class ChatFiles {
    private final ControlClient client;
    private final ReadOnlyObjectProperty<Conversation> conversation;
    private final UiThread ui;
    private final Path cache;
    private final ObservableList<TransferRow> transfers = FXCollections.observableArrayList();
    private final StringProperty notice = new SimpleStringProperty("");
    private final Map<Long, CompletableFuture<Image>> thumbnails = new HashMap<>();
    private final Map<Long, CompletableFuture<Path>> fetched = new HashMap<>();
    private FileSealing sealing = FileSealing.NONE;
    private java.util.function.LongSupplier selfId = () -> 0;

    /** @param cache a private folder for thumbnails and files opened from chat */
    public ChatFiles(ControlClient client, ReadOnlyObjectProperty<Conversation> conversation, UiThread ui, Path cache) {
        this.client = client;
        this.conversation = conversation;
        this.ui = ui;
        this.cache = cache;
    }

    /**
     * Seals files sent to end-to-end encrypted channels and opens files read there, as {@code selfId}'s (my
     * account). Call once, before files are sent.
     */
    public void useSealing(FileSealing value, java.util.function.LongSupplier self) {
        sealing = java.util.Objects.requireNonNull(value, "value");
        selfId = java.util.Objects.requireNonNull(self, "self");
    }

    /** How a message's file reads here: its name, its opened name, or a placeholder when it cannot be opened. */
    public FileSealing.Shown show(ChatMessage message) {
        return sealing.show(message);
    }

    public ObservableList<TransferRow> transfers() {
        return transfers;
    }

    /** The last thing that went wrong, as a sentence; empty when all is well. */
    public StringProperty noticeProperty() {
        return notice;
    }

    /** Sends each file into the open conversation. */
    public void send(List<Path> files) {
        Conversation target = conversation.get();
        if (target == null) {
            notice.set("Open a channel or a conversation first.");
            return;
        }
        Optional<ChannelKey> key;
        try {
            key = sealing.sealingKey(target);
        } catch (IllegalArgumentException e) {
            notice.set(e.getMessage());
            return;
        }
        notice.set("");
        for (Path file : files) {
            String name = file.getFileName().toString();
            // Sealed on the sealing thread before a byte leaves: the room only ever gets ciphertext.
            Transfer<ChatMessage> upload = key.isPresent()
                    ? SealedTransfers.upload(client, key.get(), selfId.getAsLong(), file, name, null, cache.resolve("sealing"))
                    : FileUpload.start(client, target, file, name, null);
            track((key.isPresent() ? "Sealing and sending " : "Sending ") + name, upload, "Not sent: ");
        }
    }

    /** Sends a pasted image as a PNG file. */
    public void sendImage(Image image) {
        try {
            Path file = cache.resolve("pasted-" + System.currentTimeMillis() + ".png");
            Files.createDirectories(cache);
            Snapshots.writePng(image, file);
            send(List.of(file));
        } catch (IOException e) {
            notice.set("Could not read the pasted image (" + e.getMessage() + ").");
        }
    }

    /** The server-made thumbnail of an image message, loaded once. */
    public CompletableFuture<Image> thumbnail(ChatMessage message) {
        return thumbnails.computeIfAbsent(message.id(), id -> {
            Path file = cache.resolve("thumb-" + message.file().sha256() + ".jpg");
            CompletableFuture<Path> saved = Files.exists(file) ? CompletableFuture.completedFuture(file)
                    : FileDownload.start(client, id, true, null, file).result();
            CompletableFuture<Image> image = new CompletableFuture<>();
            saved.whenComplete((path, error) -> ui.run(() -> {
                if (error != null) {
                    thumbnails.remove(id);
                    image.completeExceptionally(error);
                } else {
                    image.complete(new Image(path.toUri().toString()));
                }
            }));
            return image;
        });
    }

    /** The whole file in the private cache (to open it, or show an image full size), with progress. */
    public CompletableFuture<Path> fetch(ChatMessage message) {
        CompletableFuture<Path> known = fetched.get(message.id());
        if (known != null && !known.isCompletedExceptionally()) {
            return known;
        }
        FileSealing.Shown shown = sealing.show(message);
        if (shown.placeholder()) {
            notice.set(shown.name());
            return CompletableFuture.failedFuture(new IllegalStateException(shown.name()));
        }
        Path file = cache.resolve(message.file().sha256()).resolve(safeName(shown.name()));
        CompletableFuture<Path> result;
        if (Files.exists(file)) {
            result = CompletableFuture.completedFuture(file);
        } else {
            result = track("Fetching " + shown.name(), download(message, shown, file), "Not fetched: ");
        }
        fetched.put(message.id(), result);
        return result;
    }

    /** Saves the file where the person chose ("Save as"). */
    public CompletableFuture<Path> saveAs(ChatMessage message, Path target) {
        FileSealing.Shown shown = sealing.show(message);
        if (shown.placeholder()) {
            notice.set(shown.name());
            return CompletableFuture.failedFuture(new IllegalStateException(shown.name()));
        }
        return track("Saving " + shown.name(), download(message, shown, target), "Not saved: ");
    }

    /** A sealed file is opened after its ciphertext arrived, and only a file that opened whole lands at {@code target}. */
    private Transfer<Path> download(ChatMessage message, FileSealing.Shown shown, Path target) {
        return shown.sealed() ? SealedTransfers.download(client, shown.key(), message, target)
                : FileDownload.start(client, message.id(), false, message.file().sha256(), target);
    }

    /** Shows the transfer with its progress until it ends; a failure becomes the notice. */
    private <T> CompletableFuture<T> track(String label, Transfer<T> transfer, String failurePrefix) {
        TransferRow row = new TransferRow(label, transfer);
        transfers.add(row);
        transfer.onProgress(progress -> ui.run(() -> row.progressProperty().set(progress.fraction())));
        CompletableFuture<T> done = new CompletableFuture<>();
        transfer.result().whenComplete((value, error) -> ui.run(() -> {
            transfers.remove(row);
            if (error == null) {
                done.complete(value);
                return;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof CancellationException)) {
                notice.set(failurePrefix + (cause instanceof UncheckedIOException io ? io.getMessage()
                        : Failures.sentence(cause)));
            }
            done.completeExceptionally(cause);
        }));
        return done;
    }

    /** The room's name for a file, cut to its last part so it can only name a file inside our folder. */
    static String safeName(String name) {
        String last = Path.of(name.replace('\\', '/').replace(":", "_")).getFileName().toString();
        return last.isBlank() || last.equals("..") || last.equals(".") ? "file" : last;
    }
}
