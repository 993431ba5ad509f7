package dev.parley.bench.load.murmur;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Mumble's UDP varints, the legacy Opus voice packet and the protobuf control framing, byte for byte. */
class MumbleWireTest {

    @Test
    void varintsUseMumblesPrefixForms() {
        assertThat(varint(0x7F)).containsExactly(0x7F);
        assertThat(varint(0x80)).containsExactly(0x80, 0x80);
        assertThat(varint(0x3FFF)).containsExactly(0xBF, 0xFF);
        assertThat(varint(0x4000)).containsExactly(0xC0, 0x40, 0x00);
        assertThat(varint(0x1FFFFF)).containsExactly(0xDF, 0xFF, 0xFF);
        assertThat(varint(0x200000)).containsExactly(0xE0, 0x20, 0x00, 0x00);
        assertThat(varint(0x10000000L)).containsExactly(0xF0, 0x10, 0x00, 0x00, 0x00);
        assertThat(varint(0x100000000L)).containsExactly(0xF4, 0, 0, 0, 1, 0, 0, 0, 0);
        for (long value : new long[] {0, 1, 127, 128, 300, 16383, 16384, 2097151, 2097152, 268435455, 268435456,
                4294967295L, 4294967296L, Long.MAX_VALUE}) {
            byte[] out = new byte[10];
            int end = MumbleWire.putVarint(out, 0, value);
            int[] at = {0};
            assertThat(MumbleWire.getVarint(out, at, end)).as("value %d", value).isEqualTo(value);
            assertThat(at[0]).isEqualTo(end);
        }
    }

    @Test
    void truncatedOrNegativeVarintsAreRefused() {
        assertThatThrownBy(() -> MumbleWire.getVarint(new byte[] {(byte) 0xC0, 1}, new int[] {0}, 2))
                .hasMessageContaining("runs past");
        assertThatThrownBy(() -> MumbleWire.getVarint(new byte[] {(byte) 0xFC}, new int[] {0}, 1))
                .hasMessageContaining("negative");
    }

    @Test
    void opusFromClientAndAsTheServerForwardsIt() {
        byte[] opus = new byte[200];
        Arrays.fill(opus, (byte) 7);
        byte[] out = new byte[300];
        int length = MumbleWire.opusFromClient(out, 300, opus, 200);
        // type Opus (4) << 5, target 0; sequence 300 = 0x81 0x2C; length 200 = 0x80 0xC8; payload
        assertThat(Arrays.copyOf(out, 5)).containsExactly(0x80, 0x81, 0x2C, 0x80, 0xC8);
        assertThat(length).isEqualTo(5 + 200);

        // The server inserts the talker's session after the header byte.
        byte[] forwarded = new byte[length + 1];
        forwarded[0] = out[0];
        forwarded[1] = 5;
        System.arraycopy(out, 1, forwarded, 2, length - 1);
        MumbleWire.OpusAt at = MumbleWire.opusFromServer(forwarded, forwarded.length);
        assertThat(at).isEqualTo(new MumbleWire.OpusAt(5, 300, 6, 200));
        assertThat(MumbleWire.opusFromServer(forwarded, forwarded.length - 1)).isNull();
    }

    @Test
    void pingIsTypeOneWithItsTimestamp() {
        byte[] out = new byte[16];
        int length = MumbleWire.ping(out, 5);
        assertThat(Arrays.copyOf(out, length)).containsExactly(0x20, 5);
    }

    @Test
    void protobufMessagesAreFramedWithTypeAndLength() {
        byte[] payload = new MumbleWire.Proto().string(1, "v1").bool(5, true).build();
        assertThat(payload).containsExactly(0x0A, 2, 'v', '1', 0x28, 1);
        byte[] frame = MumbleWire.frame(MumbleWire.AUTHENTICATE, payload);
        assertThat(Arrays.copyOf(frame, 6)).containsExactly(0, 2, 0, 0, 0, 6);

        MumbleWire.Fields fields = MumbleWire.Fields.parse(new MumbleWire.Proto().uint(1, 300).bytes(2, new byte[] {1, 2})
                .build());
        assertThat(fields.uint(1, -1)).isEqualTo(300);
        assertThat(fields.bytes(2)).containsExactly(1, 2);
        assertThat(fields.has(3)).isFalse();
        assertThatThrownBy(() -> MumbleWire.Fields.parse(new byte[] {0x12, 5, 1})).hasMessageContaining("runs past");
    }

    private static int[] varint(long value) {
        byte[] out = new byte[10];
        int end = MumbleWire.putVarint(out, 0, value);
        return java.util.stream.IntStream.range(0, end).map(i -> out[i] & 0xFF).toArray();
    }
}
