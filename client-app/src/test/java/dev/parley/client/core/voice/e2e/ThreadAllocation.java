package dev.parley.client.core.voice.e2e;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes allocated by the live threads whose name starts with a given prefix, from HotSpot's per-thread
 * allocation counters ({@link com.sun.management.ThreadMXBean#getThreadAllocatedBytes}): a snapshot at the
 * start of a measurement, compared with one at its end. Only threads alive at both moments count.
 */
final class ThreadAllocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Map<Long, String> names = new HashMap<>();
    private final Map<Long, Long> startBytes = new HashMap<>();

    private ThreadAllocation() {
    }

    /** Starts measuring the threads alive now whose names start with one of {@code prefixes}. */
    static ThreadAllocation start(String... prefixes) {
        THREADS.setThreadAllocatedMemoryEnabled(true);
        ThreadAllocation measurement = new ThreadAllocation();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            for (String prefix : prefixes) {
                if (info.getThreadName().startsWith(prefix)) {
                    measurement.names.put(info.getThreadId(), info.getThreadName() + "#" + info.getThreadId());
                    measurement.startBytes.put(info.getThreadId(), THREADS.getThreadAllocatedBytes(info.getThreadId()));
                }
            }
        }
        return measurement;
    }

    /** Bytes each measured thread allocated since {@link #start}, by "name#id"; -1 if it has ended. */
    Map<String, Long> sinceStart() {
        Map<String, Long> bytes = new TreeMap<>();
        startBytes.forEach((id, start) -> {
            long now = THREADS.getThreadAllocatedBytes(id);
            bytes.put(names.get(id), now < 0 ? -1 : now - start);
        });
        return bytes;
    }
}
