package dev.parley.client.cli;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** How the CLI's commands wait for the room's answer: a bounded wait, and one failure type to report. */
final class RoomWait {
    static final long TIMEOUT_SECONDS = 15;

    private RoomWait() {
    }

    /** The answer, or an {@link ExecutionException} saying why there is none (refused, timed out, interrupted). */
    static <T> T await(CompletableFuture<T> future) throws ExecutionException {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new TimeoutException("the room did not answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecutionException(e);
        }
    }
}
