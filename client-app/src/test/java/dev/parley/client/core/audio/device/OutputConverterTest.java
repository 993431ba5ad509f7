package dev.parley.client.core.audio.device;

import static dev.parley.client.core.audio.Signals.rms;
import static dev.parley.client.core.audio.Signals.sine;
import static dev.parley.client.core.audio.Signals.zeroCrossingFrequency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.client.core.audio.PcmFormat;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OutputConverterTest {

    @Test
    void engineChunksBecomeStereoAtTheDeviceRate() {
        OutputConverter converter = new OutputConverter(44_100, 2);
        short[] signal = sine(1000, 48000, 48000, 12000);
        short[] left = new short[48000];
        short[] right = new short[48000];
        int frames = 0;
        for (int c = 0; c < 100; c++) {
            int n = converter.convertChunk(Arrays.copyOfRange(signal, c * 480, c * 480 + 480));
            byte[] bytes = converter.bytes();
            for (int b = 0; b < n; b += 4, frames++) {
                left[frames] = (short) ((bytes[b] & 0xff) | (bytes[b + 1] << 8));
                right[frames] = (short) ((bytes[b + 2] & 0xff) | (bytes[b + 3] << 8));
            }
        }

        assertThat(frames).isCloseTo(44_100, within(50));
        assertThat(Arrays.copyOf(left, frames)).containsExactly(Arrays.copyOf(right, frames));
        assertThat(zeroCrossingFrequency(left, 4410, frames - 4410, 44_100)).isCloseTo(1000.0, within(0.5));
        assertThat(rms(left, 4410, frames - 4410)).isCloseTo(12000 / Math.sqrt(2), within(120.0));
    }

    @Test
    void matchingDevicePassesMonoThroughAsLittleEndianBytes() {
        OutputConverter converter = new OutputConverter(PcmFormat.SAMPLE_RATE, 1);
        short[] chunk = PcmFormat.newChunk();
        chunk[0] = 0x1234;
        chunk[1] = -2;

        int n = converter.convertChunk(chunk);

        assertThat(n).isEqualTo(PcmFormat.CHUNK_BYTES);
        assertThat(Arrays.copyOf(converter.bytes(), 4)).containsExactly(0x34, 0x12, 0xfe, 0xff);
    }
}
