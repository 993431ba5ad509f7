package dev.parley.client.ui.call;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.call.CallDesk;
import dev.parley.client.core.call.CallDesk.CurrentCall;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * What the call bar needs from the client core's {@link CallDesk}: a small seam, so the bar's decisions
 * can be tested with answers a test completes itself (the real desk runs in {@code CallUiTest}).
 * Implementations are thread-safe; listeners run on the client's event thread.
 */
public interface CallLine extends AutoCloseable {

    /** Rings {@code userId}; fails with the room's refusal (busy, offline, friends only…). */
    CompletableFuture<?> ring(long userId);

    CompletableFuture<?> accept();

    CompletableFuture<?> decline();

    /** Cancels the call I placed, or ends the one I am in. */
    CompletableFuture<?> hangup();

    /** Every change of my call, the end included. */
    Subscription onChange(Consumer<? super CurrentCall> listener);

    @Override
    void close();

    /** The line over the core's desk (closing the line closes the desk). */
    static CallLine over(CallDesk desk) {
        return new CallLine() {
            @Override
            public CompletableFuture<?> ring(long userId) {
                return desk.ring(userId);
            }

            @Override
            public CompletableFuture<?> accept() {
                return desk.accept();
            }

            @Override
            public CompletableFuture<?> decline() {
                return desk.decline();
            }

            @Override
            public CompletableFuture<?> hangup() {
                return desk.hangup();
            }

            @Override
            public Subscription onChange(Consumer<? super CurrentCall> listener) {
                return desk.onChange(listener);
            }

            @Override
            public void close() {
                desk.close();
            }
        };
    }
}
