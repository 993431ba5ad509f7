package dev.parley.client.core.files;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.NotConnected;
import dev.parley.client.core.net.RequestTimedOut;
import dev.parley.protocol.control.message.Files;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;

/**
 * Saves the file of one message (or its thumbnail) chunk by chunk ({@code file.get}) into a
 * {@code .part} file beside the target, checks it against the content hash the message announced,
 * and only then moves it into place: a cancelled or failed download never leaves a half file under
 * the real name. A dropped connection pauses it until the client has signed in again. Confined to the
 * client's event thread after {@link #start}; writing a chunk is the only blocking it does there.
 */
public final class FileDownload {
    private final ControlClient client;
    private final long messageId;
    private final boolean thumbnail;
    private final String expectedSha256;
    private final Path target;
    private final Path partial;
    private final Transfer<Path> transfer = new Transfer<>();
    private final MessageDigest digest;
    private OutputStream out;
    private Subscription waitingForSignIn;
    private boolean cancelled;

    private FileDownload(ControlClient client, long messageId, boolean thumbnail, String expectedSha256, Path target) {
        this.client = client;
        this.messageId = messageId;
        this.thumbnail = thumbnail;
        this.expectedSha256 = expectedSha256;
        this.target = target.toAbsolutePath();
        this.partial = this.target.resolveSibling(this.target.getFileName() + ".part");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Starts saving message {@code messageId}'s file (or thumbnail) to {@code target}.
     *
     * @param expectedSha256 the message's {@code file.sha256} to check the bytes against; null for a thumbnail
     */
    public static Transfer<Path> start(ControlClient client, long messageId, boolean thumbnail, String expectedSha256,
                                       Path target) {
        FileDownload download = new FileDownload(client, messageId, thumbnail, expectedSha256, target);
        download.transfer.whenCancelled(() -> client.eventLoop().execute(download::cancel));
        client.eventLoop().execute(() -> download.fetch(0));
        return download.transfer;
    }

    private void fetch(long offset) {
        if (cancelled) {
            return;
        }
        client.request(new Files.Download(messageId, offset, thumbnail), Files.Chunk.class).whenComplete((chunk, error) -> {
            if (error == null) {
                received(chunk);
            } else if (connectionLost(error)) {
                waitingForSignIn = client.onSignedIn(auth -> {
                    waitingForSignIn.close();
                    waitingForSignIn = null;
                    fetch(offset);
                });
            } else {
                fail(error);
            }
        });
    }

    private void received(Files.Chunk chunk) {
        if (cancelled) {
            return;
        }
        byte[] bytes = Base64.getDecoder().decode(chunk.data());
        try {
            if (out == null) {
                java.nio.file.Files.createDirectories(partial.getParent());
                out = java.nio.file.Files.newOutputStream(partial, StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            }
            out.write(bytes);
        } catch (IOException e) {
            fail(new UncheckedIOException("Cannot write " + partial + ": " + e.getMessage(), e));
            return;
        }
        digest.update(bytes);
        long done = chunk.offset() + bytes.length;
        transfer.progressed(done, chunk.size());
        if (chunk.last()) {
            complete();
        } else {
            fetch(done);
        }
    }

    private void complete() {
        try {
            closeStream();
            if (out == null) {
                java.nio.file.Files.write(partial, new byte[0]);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equals(actual)) {
                java.nio.file.Files.deleteIfExists(partial);
                fail(new IOException("The file arrived damaged (its hash does not match); try again."));
                return;
            }
            java.nio.file.Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            transfer.result().complete(target);
        } catch (IOException e) {
            fail(new UncheckedIOException("Cannot save " + target + ": " + e.getMessage(), e));
        }
    }

    private void cancel() {
        if (cancelled || transfer.result().isDone()) {
            return;
        }
        cancelled = true;
        if (waitingForSignIn != null) {
            waitingForSignIn.close();
        }
        discard();
        transfer.result().completeExceptionally(new CancellationException("Download cancelled."));
    }

    private void fail(Throwable error) {
        discard();
        transfer.result().completeExceptionally(error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error);
    }

    private void discard() {
        closeStream();
        try {
            java.nio.file.Files.deleteIfExists(partial);
        } catch (IOException ignored) {
            // a leftover .part file is harmless and named as such
        }
    }

    private void closeStream() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // reported by the hash check or the move that follows
            }
        }
    }

    private static boolean connectionLost(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof NotConnected || cause instanceof RequestTimedOut;
    }
}
