package dev.parley.server.control;

import org.slf4j.Logger;

/**
 * Writes at most one warning per interval and counts the ones it held back, so a peer sending
 * junk as fast as it can cannot flood the log. One short line each, never a stack trace.
 * Thread-safe: the WebSocket worker threads share one instance.
 */
final class LogThrottle {
    private final Logger log;
    private final long intervalNanos;
    private long lastNanos;
    private long heldBack;
    private boolean logged;

    LogThrottle(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /** Logs {@code format} (SLF4J placeholders) unless a line went out less than an interval ago. */
    void warn(long nowNanos, String format, Object... args) {
        long suppressed;
        synchronized (this) {
            if (logged && nowNanos - lastNanos < intervalNanos) {
                heldBack++;
                return;
            }
            suppressed = heldBack;
            heldBack = 0;
            lastNanos = nowNanos;
            logged = true;
        }
        if (suppressed > 0) {
            log.warn("({} similar lines held back)", suppressed);
        }
        log.warn(format, args);
    }
}
