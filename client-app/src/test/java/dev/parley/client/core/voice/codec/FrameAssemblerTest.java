package dev.parley.client.core.voice.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FrameAssemblerTest {

    private static short[] chunk(int value) {
        short[] c = new short[480];
        Arrays.fill(c, (short) value);
        return c;
    }

    @Test
    void twoChunksMakeOneTwentyMillisecondFrameInOrder() {
        FrameAssembler assembler = new FrameAssembler(960);
        assertThat(assembler.add(chunk(1))).isFalse();
        assertThat(assembler.add(chunk(2))).isTrue();
        short[] frame = assembler.frame();
        assertThat(frame[0]).isEqualTo((short) 1);
        assertThat(frame[479]).isEqualTo((short) 1);
        assertThat(frame[480]).isEqualTo((short) 2);
        assertThat(frame[959]).isEqualTo((short) 2);
        assertThat(assembler.add(chunk(3))).isFalse();
        assertThat(assembler.add(chunk(4))).isTrue();
        assertThat(assembler.frame()[0]).isEqualTo((short) 3);
    }

    @Test
    void tenMillisecondFramesCompleteOnEveryChunk() {
        FrameAssembler assembler = new FrameAssembler(480);
        assertThat(assembler.add(chunk(7))).isTrue();
        assertThat(assembler.add(chunk(8))).isTrue();
        assertThat(assembler.frame()[0]).isEqualTo((short) 8);
    }

    @Test
    void resetDropsPartialFrame() {
        FrameAssembler assembler = new FrameAssembler(960);
        assembler.add(chunk(1));
        assembler.reset();
        assertThat(assembler.add(chunk(5))).isFalse();
        assertThat(assembler.add(chunk(6))).isTrue();
        assertThat(assembler.frame()[0]).isEqualTo((short) 5);
    }

    @Test
    void wrongChunkSizeAndIncompleteFrameAreRejected() {
        FrameAssembler assembler = new FrameAssembler(960);
        assertThatThrownBy(() -> assembler.add(new short[960])).isInstanceOf(IllegalArgumentException.class);
        assembler.add(chunk(1));
        assertThatThrownBy(assembler::frame).isInstanceOf(IllegalStateException.class);
    }
}
