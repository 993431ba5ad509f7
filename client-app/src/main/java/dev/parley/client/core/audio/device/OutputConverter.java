package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.Resampler;

/**
 * Turns engine chunks into 16-bit little-endian device bytes at the device rate, copying mono to every
 * channel.
 *
 * <p>Not thread-safe: owned by the playback thread.
 */
final class OutputConverter {

    private final int channels;
    private final Resampler resampler;
    private final short[] resampled;
    private final byte[] bytes;

    OutputConverter(int deviceRate, int channels) {
        this.channels = channels;
        this.resampler = new Resampler(PcmFormat.SAMPLE_RATE, deviceRate);
        this.resampled = new short[resampler.maxOutput(PcmFormat.CHUNK_SAMPLES)];
        this.bytes = new byte[resampled.length * channels * 2];
    }

    /** Converts one chunk into {@link #bytes()} and returns how many bytes are valid. */
    int convertChunk(short[] chunk) {
        int frames = resampler.process(chunk, 0, chunk.length, resampled, 0);
        int at = 0;
        for (int i = 0; i < frames; i++) {
            short s = resampled[i];
            for (int c = 0; c < channels; c++) {
                bytes[at++] = (byte) s;
                bytes[at++] = (byte) (s >> 8);
            }
        }
        return at;
    }

    byte[] bytes() {
        return bytes;
    }
}
