package dev.parley.client.ui.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AudioHealthIndicatorTest {

    private static final long S = 1_000_000_000L;
    private final AudioHealthIndicator indicator = new AudioHealthIndicator();

    @Test
    void quietWhileAllIsWell() {
        assertThat(indicator.update(Optional.of(new OutputHealth(0, 0, 0, 30, "default")), 0)).isEmpty();
        assertThat(indicator.update(Optional.empty(), S)).isEmpty();
    }

    @Test
    void dropoutsShowWhenTheyHappenAndFadeAfterTenQuietSeconds() {
        indicator.update(Optional.of(new OutputHealth(0, 0, 0, 30, "default")), 0);
        assertThat(indicator.update(Optional.of(new OutputHealth(2, 18, 0, 50, "default")), S))
                .isEqualTo("⚠ Audio dropouts (2)");
        assertThat(indicator.update(Optional.of(new OutputHealth(3, 27, 0, 60, "default")), 2 * S))
                .isEqualTo("⚠ Audio dropouts (3)");
        assertThat(indicator.update(Optional.of(new OutputHealth(3, 27, 0, 60, "default")), 13 * S)).isEmpty();
    }

    @Test
    void aLostSpeakerSaysThatTheDefaultTookOver() {
        indicator.update(Optional.of(new OutputHealth(0, 0, 0, 30, "USB Headset")), 0);
        assertThat(indicator.update(Optional.of(new OutputHealth(1, 9, 1, 40, "default")), S))
                .isEqualTo("⚠ Speaker lost: now playing on the system default");
        assertThat(indicator.update(Optional.of(new OutputHealth(1, 9, 1, 40, "default")), 40 * S)).isEmpty();
    }

    @Test
    void aLostMicrophoneSaysThatTheDefaultTookOverUnlessTheSpeakerHasWorseNews() {
        Optional<OutputHealth> fine = Optional.of(new OutputHealth(0, 0, 0, 30, "default"));
        assertThat(indicator.update(fine, Optional.of(new InputHealth(0, "USB mic")), 0)).isEmpty();
        assertThat(indicator.update(fine, Optional.of(new InputHealth(1, "default")), S))
                .isEqualTo("⚠ Microphone lost: now capturing from the system default");
        assertThat(indicator.update(Optional.of(new OutputHealth(1, 9, 0, 40, "default")),
                Optional.of(new InputHealth(1, "default")), 2 * S)).isEqualTo("⚠ Audio dropouts (1)");
        assertThat(indicator.update(Optional.of(new OutputHealth(1, 9, 0, 40, "default")),
                Optional.of(new InputHealth(1, "default")), 40 * S)).isEmpty();
    }
}
