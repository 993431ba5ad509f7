package dev.parley.client.platform;

import java.util.Optional;

/**
 * Tells which OS and CPU a native library is built for from the first bytes of the file (ELF, Mach-O or
 * PE header), not from its name: JavaFX names its Linux x64 and Linux arm64 libraries alike. Pure.
 */
public final class NativeBinary {
    /** Enough of the file for every header read here (PE's header is found through offset 0x3C). */
    public static final int HEADER_BYTES = 4096;

    private NativeBinary() {
    }

    /** Whether a file name looks like a native library (the only files whose header is read). */
    public static boolean isNativeName(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".so") || lower.endsWith(".dll") || lower.endsWith(".dylib") || lower.endsWith(".jnilib");
    }

    /**
     * The platform id ({@code linux-x64}, {@code macos-arm64}, {@code windows-x86}, ...) a binary is built
     * for, or empty when the header is not one this knows (a fat Mach-O holding several CPUs says
     * {@code macos-arm64+x64}; one holding a single CPU is just that CPU's).
     */
    public static Optional<String> platformOf(byte[] head) {
        if (head.length >= 20 && (head[0] & 0xff) == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            boolean little = head[5] == 1;
            int machine = little ? u16le(head, 18) : u16be(head, 18);
            return arch(machine == 62 ? "x64" : machine == 183 ? "arm64" : machine == 3 ? "x86" : machine == 40 ? "arm" : null)
                    .map(cpu -> "linux-" + cpu);
        }
        if (head.length >= 8 && u32le(head, 0) == 0xfeedfacfL) {
            long cpu = u32le(head, 4);
            return arch(cpu == 0x01000007L ? "x64" : cpu == 0x0100000cL ? "arm64" : null).map(a -> "macos-" + a);
        }
        if (head.length >= 8 && u32be(head, 0) == 0xcafebabeL && u32be(head, 4) > 0 && u32be(head, 4) < 20) {
            // A fat Mach-O (a Java class file has the same magic but a version number far above 20 there):
            // a list of 20-byte entries, each starting with its CPU type.
            int count = (int) u32be(head, 4);
            java.util.TreeSet<String> cpus = new java.util.TreeSet<>();
            for (int i = 0; i < count && 8 + 20 * i + 4 <= head.length; i++) {
                long cpu = u32be(head, 8 + 20 * i);
                cpus.add(cpu == 0x01000007L ? "x64" : cpu == 0x0100000cL ? "arm64" : "cpu" + Long.toHexString(cpu));
            }
            return cpus.isEmpty() ? Optional.empty() : Optional.of("macos-" + String.join("+", cpus));
        }
        if (head.length >= 0x40 && head[0] == 'M' && head[1] == 'Z') {
            int pe = (int) u32le(head, 0x3c);
            if (pe > 0 && pe + 6 <= head.length && head[pe] == 'P' && head[pe + 1] == 'E' && head[pe + 2] == 0 && head[pe + 3] == 0) {
                int machine = u16le(head, pe + 4);
                return arch(machine == 0x8664 ? "x64" : machine == 0xaa64 ? "arm64" : machine == 0x14c ? "x86" : null)
                        .map(cpu -> "windows-" + cpu);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> arch(String cpu) {
        return Optional.ofNullable(cpu);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int u16be(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static long u32le(byte[] b, int at) {
        return (u16le(b, at) | (long) u16le(b, at + 2) << 16) & 0xffffffffL;
    }

    private static long u32be(byte[] b, int at) {
        return ((long) u16be(b, at) << 16 | u16be(b, at + 2)) & 0xffffffffL;
    }
}
