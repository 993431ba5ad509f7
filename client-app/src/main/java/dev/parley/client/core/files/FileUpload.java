package dev.parley.client.core.files;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.NotConnected;
import dev.parley.client.core.net.RequestTimedOut;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Files;
import dev.parley.protocol.control.model.ChatMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Sends one file into a conversation, chunk after chunk ({@code file.upload.chunk}, one in flight), and
 * posts it. When the connection drops the upload waits; once the client has signed in again it asks
 * where the upload stands ({@code file.upload.resume}) and sends on from there. Confined to the
 * client's event thread after {@link #start}; reading a chunk (40 KiB from a local file) is the only
 * blocking it does there.
 */
public final class FileUpload {
    private final ControlClient client;
    private final Conversation conversation;
    private final Path file;
    private final String name;
    private final String caption;
    private final String nonce = "file-" + UUID.randomUUID();
    private final Transfer<ChatMessage> transfer = new Transfer<>();
    private FileChannel channel;
    private long size;
    private String uploadId;
    private int chunkBytes;
    private Subscription waitingForSignIn;
    private boolean cancelled;

    private FileUpload(ControlClient client, Conversation conversation, Path file, String name, String caption) {
        this.client = client;
        this.conversation = conversation;
        this.file = file;
        this.name = name;
        this.caption = caption == null || caption.isBlank() ? null : caption;
    }

    /** Starts sending {@code file} (shown as {@code name}) with an optional caption. */
    public static Transfer<ChatMessage> start(ControlClient client, Conversation conversation, Path file, String name,
                                              String caption) {
        FileUpload upload = new FileUpload(client, conversation, file, name, caption);
        upload.transfer.whenCancelled(() -> client.eventLoop().execute(upload::cancel));
        client.eventLoop().execute(upload::begin);
        return upload.transfer;
    }

    private void begin() {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            size = channel.size();
        } catch (IOException e) {
            fail(new UncheckedIOException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e));
            return;
        }
        transfer.progressed(0, size);
        Files.UploadStart request = conversation instanceof Conversation.Channel channelTarget
                ? new Files.UploadStart(channelTarget.channelId(), null, name, size, caption, nonce)
                : new Files.UploadStart(null, ((Conversation.Direct) conversation).peerId(), name, size, caption, nonce);
        client.request(request, Files.UploadReady.class).whenComplete((ready, error) -> {
            if (error != null) {
                fail(error);
            } else {
                uploadId = ready.uploadId();
                chunkBytes = ready.chunkBytes();
                sendFrom(ready.offset());
            }
        });
    }

    private void sendFrom(long offset) {
        if (cancelled) {
            return;
        }
        transfer.progressed(offset, size);
        if (offset >= size) {
            finish();
            return;
        }
        String data;
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunkBytes, size - offset));
            long position = offset;
            while (buffer.hasRemaining() && channel.read(buffer, position) > 0) {
                position = offset + buffer.position();
            }
            data = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (IOException e) {
            fail(new UncheckedIOException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e));
            return;
        }
        client.request(new Files.UploadChunk(uploadId, offset, data), Files.UploadProgress.class)
                .whenComplete((progress, error) -> {
                    if (error == null) {
                        sendFrom(progress.offset());
                    } else if (connectionLost(error)) {
                        resumeAfterSignIn();
                    } else {
                        fail(error);
                    }
                });
    }

    /** Waits for the client to be signed in again, then asks the room where the upload stands. */
    private void resumeAfterSignIn() {
        if (cancelled) {
            return;
        }
        waitingForSignIn = client.onSignedIn(auth -> {
            waitingForSignIn.close();
            waitingForSignIn = null;
            client.request(new Files.UploadResume(uploadId), Files.UploadReady.class).whenComplete((ready, error) -> {
                if (error == null) {
                    sendFrom(ready.offset());
                } else if (connectionLost(error)) {
                    resumeAfterSignIn();
                } else {
                    fail(error);
                }
            });
        });
    }

    private void finish() {
        client.request(new Files.UploadFinish(uploadId), Chat.Sent.class).whenComplete((sent, error) -> {
            if (error == null) {
                close();
                transfer.result().complete(sent.message());
            } else {
                // A finish lost with the connection may have been stored: its nonce keeps it to one message,
                // which then arrives through catch-up; the upload itself is gone, so this one ends here.
                fail(error);
            }
        });
    }

    private void cancel() {
        if (cancelled || transfer.result().isDone()) {
            return;
        }
        cancelled = true;
        if (waitingForSignIn != null) {
            waitingForSignIn.close();
        }
        if (uploadId != null) {
            client.requestOk(new Files.UploadCancel(uploadId));
        }
        close();
        transfer.result().completeExceptionally(new CancellationException("Upload cancelled."));
    }

    private void fail(Throwable error) {
        close();
        transfer.result().completeExceptionally(error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error);
    }

    private void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // read-only: nothing to lose
            }
        }
    }

    private static boolean connectionLost(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof NotConnected || cause instanceof RequestTimedOut;
    }
}
