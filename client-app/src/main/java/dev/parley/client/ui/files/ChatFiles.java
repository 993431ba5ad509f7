package dev.parley.client.ui.files;

import dev.parley.client.core.files.FileDownload;
import dev.parley.client.core.files.FileUpload;
import dev.parley.client.core.files.Transfer;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.model.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * way with their progress, thumbnails, and fetching a file to open or save. The view-model behind the
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

    /** @param cache a private folder for thumbnails and files opened from chat */
    public ChatFiles(ControlClient client, ReadOnlyObjectProperty<Conversation> conversation, UiThread ui, Path cache) {
        this.client = client;
        this.conversation = conversation;
        this.ui = ui;
        this.cache = cache;
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
        notice.set("");
        for (Path file : files) {
            String name = file.getFileName().toString();
            Transfer<ChatMessage> upload = FileUpload.start(client, target, file, name, null);
            track("Sending " + name, upload, "Not sent: ");
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
        Path file = cache.resolve(message.file().sha256()).resolve(safeName(message.file().name()));
        CompletableFuture<Path> result;
        if (Files.exists(file)) {
            result = CompletableFuture.completedFuture(file);
        } else {
            Transfer<Path> download = FileDownload.start(client, message.id(), false, message.file().sha256(), file);
            result = track("Fetching " + message.file().name(), download, "Not fetched: ");
        }
        fetched.put(message.id(), result);
        return result;
    }

    /** Saves the file where the person chose ("Save as"). */
    public CompletableFuture<Path> saveAs(ChatMessage message, Path target) {
        Transfer<Path> download = FileDownload.start(client, message.id(), false, message.file().sha256(), target);
        return track("Saving " + message.file().name(), download, "Not saved: ");
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
