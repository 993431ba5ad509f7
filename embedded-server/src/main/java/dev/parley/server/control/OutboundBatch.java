package dev.parley.server.control;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames a thread sends during a burst of work, written to each connection in one piece when the
 * burst ends. Without it a presence storm cost one library queue entry, one selector wake-up and one
 * {@code write} system call per frame per recipient: a sign-in in a room of N sends 2 × N frames, so
 * filling a room of 10,000 made ≈ 10⁸ of each. With it, everything the room thread sends one
 * connection between two flushes is one buffer and (usually) one {@code write}.
 *
 * <p>Only a thread that {@linkplain #enableOnThisThread() enabled} batching batches, and that thread
 * must call {@link #taskDone} after each unit of work (the room loop does, see
 * {@code RoomLoop}); every other thread's sends are written at once. Confined to its thread.
 */
public final class OutboundBatch {
    /** A connection's part of a burst is written once it reaches this, without waiting for the burst's end. */
    static final int CONNECTION_FLUSH_BYTES = 64 * 1024;
    /**
     * A burst that has buffered this much in all is written even if the thread is still busy. In a
     * room of 10,000 one sign-in tells everyone twice, ≈ 4 MB; this lets a few sign-ins share a write.
     */
    private static final long BATCH_FLUSH_BYTES = 16L * 1024 * 1024;
    /**
     * Nor does a busy thread hold a frame back longer than this: a room that never idles delays its
     * control frames by at most this (voice is not sent here); an idle one writes at each task's end.
     */
    private static final long MAX_AGE_NANOS = 10_000_000;

    private static final ThreadLocal<OutboundBatch> CURRENT = new ThreadLocal<>();

    private final List<ClientConnection> dirty = new ArrayList<>();
    private long bytes;
    private long firstNanos;

    private OutboundBatch() {
    }

    /** Makes this thread's sends wait for its next {@link #taskDone}. Call once, from the thread itself. */
    public static void enableOnThisThread() {
        if (CURRENT.get() == null) {
            CURRENT.set(new OutboundBatch());
        }
    }

    /** This thread's batch, or null when its sends are written at once. */
    static OutboundBatch current() {
        return CURRENT.get();
    }

    /**
     * A unit of work ended on this thread; {@code idle} says whether more is waiting. The batch is
     * written when the thread goes idle, or when it has held frames for 10 ms or 16 MB, so a busy room
     * coalesces its sends without holding any of them back noticeably.
     */
    public static void taskDone(boolean idle) {
        OutboundBatch batch = CURRENT.get();
        if (batch == null || batch.dirty.isEmpty()) {
            return;
        }
        if (idle) {
            batch.flush(true);
        } else if (batch.bytes >= BATCH_FLUSH_BYTES || System.nanoTime() - batch.firstNanos >= MAX_AGE_NANOS) {
            batch.flush(false);
        }
    }

    /** {@code connection} has {@code frameBytes} more waiting; {@code first} when it had nothing waiting before. */
    void added(ClientConnection connection, int frameBytes, boolean first) {
        if (dirty.isEmpty()) {
            firstNanos = System.nanoTime();
        }
        if (first) {
            dirty.add(connection);
        }
        bytes += frameBytes;
    }

    /**
     * Writes what waits. While the thread is busy ({@code all} false) a connection whose previous
     * buffer the selector has not written yet keeps collecting instead: handing it a second buffer
     * now would only cost the selector another wake-up and write for the same reader, so a room that
     * stays busy sends each slow-to-drain connection fewer, larger writes. When the thread goes idle
     * everything is written, so nothing waits for more work to come.
     */
    private void flush(boolean all) {
        // A connection may have been written meanwhile (its part grew past the limit, or it closed):
        // then it has nothing waiting and this is a no-op for it.
        List<ClientConnection> kept = new ArrayList<>();
        long keptBytes = 0;
        for (ClientConnection connection : dirty) {
            if (all || connection.libraryQueueEmpty()) {
                connection.flushPending();
            } else {
                kept.add(connection);
                keptBytes += connection.unsentBytes();
            }
        }
        dirty.clear();
        dirty.addAll(kept);
        bytes = keptBytes;
        firstNanos = System.nanoTime();
    }
}
