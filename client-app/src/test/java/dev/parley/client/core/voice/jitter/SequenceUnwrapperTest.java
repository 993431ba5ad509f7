package dev.parley.client.core.voice.jitter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceUnwrapperTest {

    private final SequenceUnwrapper unwrapper = new SequenceUnwrapper();

    @Test
    void countingAcrossTheWrapKeepsIncreasing() {
        long first = unwrapper.unwrap(0xFFFF_FFFE);
        assertThat(unwrapper.unwrap(0xFFFF_FFFF)).isEqualTo(first + 1);
        assertThat(unwrapper.unwrap(0)).isEqualTo(first + 2);
        assertThat(unwrapper.unwrap(1)).isEqualTo(first + 3);
    }

    @Test
    void packetReorderedAcrossTheWrapLandsBeforeItsSuccessor() {
        long first = unwrapper.unwrap(0xFFFF_FFFF);
        long afterWrap = unwrapper.unwrap(1);
        long late = unwrapper.unwrap(0);

        assertThat(afterWrap).isEqualTo(first + 2);
        assertThat(late).isEqualTo(first + 1);
    }

    @Test
    void packetOlderThanTheFirstStaysPositive() {
        unwrapper.unwrap(0);
        assertThat(unwrapper.unwrap(0xFFFF_FFFF)).isPositive();
    }
}
