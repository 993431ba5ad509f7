package dev.parley.server.voice;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs a warning per category at most once per interval and says how many were held back, so a
 * flood of junk datagrams cannot flood the log. Confined to one thread.
 */
final class WarningThrottle {

    private final Logger log;
    private final long intervalNanos;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

    WarningThrottle(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    void warn(long nowNanos, String category, String format, Object... args) {
        long[] state = lastAndSuppressed.computeIfAbsent(category, c -> new long[] {nowNanos - intervalNanos, 0});
        if (nowNanos - state[0] < intervalNanos) {
            state[1]++;
            return;
        }
        if (state[1] > 0) {
            log.warn("{} more \"{}\" voice warnings suppressed", state[1], category);
        }
        state[0] = nowNanos;
        state[1] = 0;
        log.warn(format, args);
    }
}
