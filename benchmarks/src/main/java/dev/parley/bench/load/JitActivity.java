package dev.parley.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many methods a HotSpot JVM has JIT-compiled so far, read from its performance-data file
 * ({@code hsperfdata_<user>/<pid>}, the counter {@code jstat -compiler} shows as "Compiled"), so the
 * load tool can tell when a server's JIT has gone quiet without starting a jstat JVM every second.
 * Stateless.
 */
final class JitActivity {

    private static final int MAGIC = 0xcafec0c0;
    private static final String COUNTER = "sun.ci.totalCompiles";

    private JitActivity() {
    }

    /** The number of compilations so far, or -1 when {@code pid} is not a HotSpot JVM with perf data. */
    static long compilations(long pid) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try {
            return counter(ByteBuffer.wrap(Files.readAllBytes(file)), COUNTER);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Finds a long counter in a perf-data image: a prologue (magic, byte order, version, sizes, the
     * entry table's offset and count), then entries (length, name offset, vector length, type,
     * flags, units, variability, data offset) with the NUL-terminated name and the value inside.
     */
    static long counter(ByteBuffer data, String name) {
        if (data.order(ByteOrder.BIG_ENDIAN).getInt(0) != MAGIC) {
            return -1;
        }
        data.order(data.get(4) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entry = data.getInt(24);
        int entries = data.getInt(28);
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < entries && entry > 0 && entry < data.limit(); i++) {
            int length = data.getInt(entry);
            int nameOffset = data.getInt(entry + 4);
            int vectorLength = data.getInt(entry + 8);
            byte type = data.get(entry + 12);
            int dataOffset = data.getInt(entry + 16);
            if (vectorLength == 0 && type == 'J' && matches(data, entry + nameOffset, wanted)) {
                return data.getLong(entry + dataOffset);
            }
            if (length <= 0) {
                return -1;
            }
            entry += length;
        }
        return -1;
    }

    private static boolean matches(ByteBuffer data, int at, byte[] wanted) {
        if (at + wanted.length >= data.limit()) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            if (data.get(at + i) != wanted[i]) {
                return false;
            }
        }
        return data.get(at + wanted.length) == 0;
    }
}
