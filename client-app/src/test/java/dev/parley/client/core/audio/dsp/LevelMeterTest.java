package dev.parley.client.core.audio.dsp;

import static dev.parley.client.core.audio.Signals.sine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.client.core.audio.PcmFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LevelMeterTest {

    private final List<AudioLevel> published = new ArrayList<>();
    private final LevelMeter meter = new LevelMeter(published::add);

    @Test
    void fullScaleSineIsZeroDbfsPeakAndMinusThreeRms() {
        short[] chunk = sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 32767);

        AudioLevel level = meter.process(chunk);

        assertThat(level.peakDbfs()).isCloseTo(0.0, within(0.01));
        assertThat(level.rmsDbfs()).isCloseTo(-3.01, within(0.05));
    }

    @Test
    void halfScaleSineIsSixDecibelsLower() {
        AudioLevel level = meter.process(sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 16384));

        assertThat(level.peakDbfs()).isCloseTo(-6.02, within(0.05));
        assertThat(level.rmsDbfs()).isCloseTo(-9.03, within(0.05));
    }

    @Test
    void silenceSitsOnTheFloor() {
        AudioLevel level = meter.process(PcmFormat.newChunk());

        assertThat(level).isEqualTo(AudioLevel.SILENCE);
        assertThat(level.rmsDbfs()).isEqualTo(-96.0);
    }

    @Test
    void publishesAboutThirtyTimesASecondNotEveryChunk() {
        short[] chunk = sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 10000);
        for (int i = 0; i < 100; i++) {
            meter.process(chunk);
        }

        assertThat(published).hasSize(33);
    }

    @Test
    void smoothedLevelSettlesOnASteadySignal() {
        short[] chunk = sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 32767);
        for (int i = 0; i < 100; i++) {
            meter.process(chunk);
        }

        AudioLevel last = published.get(published.size() - 1);
        assertThat(last.rmsDbfs()).isCloseTo(-3.01, within(0.1));
        assertThat(last.peakDbfs()).isCloseTo(0.0, within(0.01));
    }

    @Test
    void smoothedLevelFallsGraduallyAfterTheSignalStops() {
        short[] loud = sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 32767);
        for (int i = 0; i < 30; i++) {
            meter.process(loud);
        }
        meter.process(PcmFormat.newChunk());
        AudioLevel justAfter = meter.smoothed();
        for (int i = 0; i < 300; i++) {
            meter.process(PcmFormat.newChunk());
        }

        assertThat(justAfter.peakDbfs()).isCloseTo(-0.2, within(0.05));
        assertThat(justAfter.rmsDbfs()).isBetween(-4.0, -3.0);
        // three seconds later both have fallen about 60 dB
        assertThat(meter.smoothed().peakDbfs()).isLessThan(-55);
        assertThat(meter.smoothed().rmsDbfs()).isLessThan(-55);
    }

    @Test
    void levelOfAPartialBufferUsesOnlyThatRange() {
        short[] samples = new short[100];
        Arrays.fill(samples, 50, 100, (short) 16384);

        assertThat(AudioLevel.of(samples, 0, 50)).isEqualTo(AudioLevel.SILENCE);
        assertThat(AudioLevel.of(samples, 50, 50).rmsDbfs()).isCloseTo(-6.02, within(0.01));
    }
}
