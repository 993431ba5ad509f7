package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Headers built byte by byte as each format's spec lays them out; the real jars are checked in PlatformNatives*. */
class NativeBinaryTest {

    private static byte[] elf(int machine) {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(18, (short) machine);
        return b.array();
    }

    private static byte[] machO(int cpu) {
        return ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putInt(0xfeedfacf).putInt(cpu).array();
    }

    private static byte[] pe(int machine) {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 'M').put(1, (byte) 'Z').putInt(0x3c, 0x80);
        b.put(0x80, (byte) 'P').put(0x81, (byte) 'E').putShort(0x84, (short) machine);
        return b.array();
    }

    @Test
    void readsTheCpuFromEachFormatsHeader() {
        assertThat(NativeBinary.platformOf(elf(62))).contains("linux-x64");
        assertThat(NativeBinary.platformOf(elf(183))).contains("linux-arm64");
        assertThat(NativeBinary.platformOf(machO(0x01000007))).contains("macos-x64");
        assertThat(NativeBinary.platformOf(machO(0x0100000c))).contains("macos-arm64");
        assertThat(NativeBinary.platformOf(pe(0x8664))).contains("windows-x64");
        assertThat(NativeBinary.platformOf(pe(0xaa64))).contains("windows-arm64");
        assertThat(NativeBinary.platformOf(pe(0x14c))).contains("windows-x86");
    }

    private static byte[] fat(int... cpus) {
        ByteBuffer b = ByteBuffer.allocate(8 + 20 * cpus.length).putInt(0xcafebabe).putInt(cpus.length);
        for (int i = 0; i < cpus.length; i++) {
            b.putInt(8 + 20 * i, cpus[i]);
        }
        return b.array();
    }

    @Test
    void aFatMachOListsItsCpus() {
        // JNA's darwin-x86-64 library is a fat file holding one CPU.
        assertThat(NativeBinary.platformOf(fat(0x01000007))).contains("macos-x64");
        assertThat(NativeBinary.platformOf(fat(0x0100000c, 0x01000007))).contains("macos-arm64+x64");
    }

    @Test
    void somethingElseIsUnknownNotAGuess() {
        assertThat(NativeBinary.platformOf(new byte[] {1, 2, 3})).isEmpty();
        assertThat(NativeBinary.platformOf(elf(8))).isEmpty();
        byte[] truncatedPe = pe(0x8664);
        ByteBuffer.wrap(truncatedPe).order(ByteOrder.LITTLE_ENDIAN).putInt(0x3c, 100_000);
        assertThat(NativeBinary.platformOf(truncatedPe)).isEmpty();
        byte[] javaClass = ByteBuffer.allocate(16).putInt(0xcafebabe).putInt(61).array();
        assertThat(NativeBinary.platformOf(javaClass)).isEmpty();
    }
}
