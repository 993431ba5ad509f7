package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.Resampler;
import javax.sound.sampled.AudioFormat;

/**
 * Turns raw PCM bytes in a device or file format (any rate, channel count, 8/16/24/32-bit integer or
 * 32-bit float, either byte order) into engine chunks: decode, downmix by averaging, resample to 48 kHz,
 * then cut into 10 ms chunks.
 *
 * <p>Not thread-safe: owned by the thread that reads the input.
 */
final class InputConverter {

    private final AudioFormat format;
    private final int frameSize;
    private final int bytesPerSample;
    private final int channels;
    private final Resampler resampler;
    private short[] mono = new short[0];
    private short[] resampled = new short[0];
    private short[] pending = new short[PcmFormat.CHUNK_SAMPLES * 8];
    private int pendingCount;

    InputConverter(AudioFormat format) {
        requireSupported(format);
        this.format = format;
        this.channels = format.getChannels();
        this.bytesPerSample = format.getSampleSizeInBits() / 8;
        this.frameSize = bytesPerSample * channels;
        this.resampler = new Resampler(Math.round(format.getSampleRate()), PcmFormat.SAMPLE_RATE);
    }

    private static final int MAX_CHANNELS = 32;
    private static final float MAX_SAMPLE_RATE = 768_000;

    static void requireSupported(AudioFormat format) {
        AudioFormat.Encoding encoding = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        boolean ok = (AudioFormat.Encoding.PCM_SIGNED.equals(encoding) && (bits == 8 || bits == 16 || bits == 24 || bits == 32))
                || (AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding) && bits == 8)
                || (AudioFormat.Encoding.PCM_FLOAT.equals(encoding) && bits == 32);
        // Upper bounds too: a broken or hostile header must not size buffers from absurd values.
        if (!ok || format.getChannels() < 1 || format.getChannels() > MAX_CHANNELS
                || !(format.getSampleRate() >= 1000 && format.getSampleRate() <= MAX_SAMPLE_RATE)) {
            throw new AudioDeviceException("unsupported PCM format: " + format);
        }
    }

    int frameSize() {
        return frameSize;
    }

    /** Bytes holding roughly 10 ms at the source rate, rounded to whole frames. */
    int bytesPer10Ms() {
        return Math.max(1, Math.round(format.getSampleRate() / 100f)) * frameSize;
    }

    /** Accepts {@code length} bytes; only whole frames may be passed. */
    void accept(byte[] bytes, int offset, int length) {
        int frames = length / frameSize;
        if (mono.length < frames) {
            mono = new short[frames];
        }
        for (int f = 0; f < frames; f++) {
            int base = offset + f * frameSize;
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += decode(bytes, base + c * bytesPerSample);
            }
            mono[f] = (short) (sum / channels);
        }
        int room = resampler.maxOutput(frames);
        if (resampled.length < room) {
            resampled = new short[room];
        }
        int produced = resampler.process(mono, 0, frames, resampled, 0);
        if (pendingCount + produced > pending.length) {
            pending = java.util.Arrays.copyOf(pending, Math.max(pending.length * 2, pendingCount + produced));
        }
        System.arraycopy(resampled, 0, pending, pendingCount, produced);
        pendingCount += produced;
    }

    boolean hasChunk() {
        return pendingCount >= PcmFormat.CHUNK_SAMPLES;
    }

    /** Moves the oldest full chunk into {@code chunk}; call only when {@link #hasChunk()}. */
    void takeChunk(short[] chunk) {
        System.arraycopy(pending, 0, chunk, 0, PcmFormat.CHUNK_SAMPLES);
        pendingCount -= PcmFormat.CHUNK_SAMPLES;
        System.arraycopy(pending, PcmFormat.CHUNK_SAMPLES, pending, 0, pendingCount);
    }

    /** Samples waiting that do not yet fill a chunk. */
    int pendingSamples() {
        return pendingCount;
    }

    /** Pads what is pending with silence up to a full chunk (for the tail of a file). */
    void padToChunk() {
        if (pendingCount % PcmFormat.CHUNK_SAMPLES != 0) {
            int target = (pendingCount / PcmFormat.CHUNK_SAMPLES + 1) * PcmFormat.CHUNK_SAMPLES;
            java.util.Arrays.fill(pending, pendingCount, target, (short) 0);
            pendingCount = target;
        }
    }

    private int decode(byte[] b, int at) {
        boolean big = format.isBigEndian();
        AudioFormat.Encoding encoding = format.getEncoding();
        switch (bytesPerSample) {
            case 1:
                return AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding) ? ((b[at] & 0xff) - 128) << 8 : b[at] << 8;
            case 2:
                return big ? (b[at] << 8) | (b[at + 1] & 0xff) : (b[at + 1] << 8) | (b[at] & 0xff);
            case 3:
                return big ? (b[at] << 8) | (b[at + 1] & 0xff) : (b[at + 2] << 8) | (b[at + 1] & 0xff);
            default:
                int bits = big
                        ? (b[at] << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff)
                        : (b[at + 3] << 24) | ((b[at + 2] & 0xff) << 16) | ((b[at + 1] & 0xff) << 8) | (b[at] & 0xff);
                if (AudioFormat.Encoding.PCM_FLOAT.equals(encoding)) {
                    float v = Float.intBitsToFloat(bits) * 32768f;
                    return (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
                }
                return bits >> 16;
        }
    }
}
