package dev.parley.server.control;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;

/**
 * How far a reader may fall behind before it is dropped (frames and bytes, per connection and for
 * the whole room), how many requests it may have unanswered, and the hard close for peers that ignore
 * the polite one (a stalled reader never reads the close frame either). Thread-safe.
 */
record OutboundLimits(int maxFrames, long maxBytes, long closeGraceMillis, ScheduledExecutorService timer,
                      int maxPendingRequests, OutboundBudget budget) {

    void hardCloseAfterGrace(WebSocket socket) {
        timer.schedule(() -> {
            if (!socket.isClosed()) {
                socket.closeConnection(CloseCodes.TOO_SLOW, "close handshake timed out");
            }
        }, closeGraceMillis, TimeUnit.MILLISECONDS);
    }
}
