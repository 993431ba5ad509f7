package dev.parley.client.core.voice.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusSettingsTest {

    @Test
    void defaultsAreTenMillisecondsThirtyTwoKbpsWithFecAndWithoutDtx() {
        OpusSettings s = OpusSettings.defaults();
        assertThat(s.frameMillis()).isEqualTo(10);
        assertThat(s.frameSamples()).isEqualTo(480);
        assertThat(s.chunksPerFrame()).isEqualTo(1);
        assertThat(s.withFrameMillis(20).chunksPerFrame()).isEqualTo(2);
        assertThat(s.bitrateBps()).isEqualTo(32_000);
        assertThat(s.inbandFec()).isTrue();
        assertThat(s.expectedLossPercent()).isPositive();
        assertThat(s.dtx()).isFalse();
        assertThat(s.capsBandwidthForFec()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 15, 30, 80})
    void unsupportedFrameLengthIsRejected(int millis) {
        assertThatThrownBy(() -> OpusSettings.defaults().withFrameMillis(millis))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void outOfRangeValuesAreRejected() {
        OpusSettings s = OpusSettings.defaults();
        assertThatThrownBy(() -> s.withBitrate(5_999)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withBitrate(510_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withComplexity(11)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> s.withExpectedLossPercent(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lowBitrateWithFecCapsBandwidthSoFecStillCarriesData() {
        assertThat(OpusSettings.defaults().withBitrate(24_000).capsBandwidthForFec()).isTrue();
        assertThat(OpusSettings.defaults().withBitrate(24_000).withInbandFec(false).capsBandwidthForFec()).isFalse();
        assertThat(OpusSettings.defaults().withBitrate(28_000).capsBandwidthForFec()).isFalse();
    }
}
