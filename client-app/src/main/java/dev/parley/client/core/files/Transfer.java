package dev.parley.client.core.files;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A file on its way up or down: its progress, its outcome, and a way to stop it. Progress callbacks
 * and the completion of {@link #result()} happen on the client's event thread. Thread-safe.
 *
 * @param <T> what a finished transfer gives: the posted message, or the saved file
 */
public final class Transfer<T> {
    /** Bytes moved so far of {@code total}. */
    public record Progress(long done, long total) {
        public double fraction() {
            return total == 0 ? 1.0 : (double) done / total;
        }
    }

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final Listeners<Progress> listeners = new Listeners<>();
    private volatile Progress progress = new Progress(0, 0);
    private volatile Runnable canceller = () -> { };

    /** Completes with the outcome, or fails (with {@link java.util.concurrent.CancellationException} once cancelled). */
    public CompletableFuture<T> result() {
        return result;
    }

    public Progress progress() {
        return progress;
    }

    public Subscription onProgress(Consumer<? super Progress> listener) {
        return listeners.add(listener);
    }

    /** Stops the transfer and drops what was sent or received; harmless once it is over. */
    public void cancel() {
        canceller.run();
    }

    void progressed(long done, long total) {
        progress = new Progress(done, total);
        listeners.fire(progress);
    }

    void whenCancelled(Runnable action) {
        canceller = action;
    }
}
