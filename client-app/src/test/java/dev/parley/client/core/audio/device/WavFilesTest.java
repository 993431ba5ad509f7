package dev.parley.client.core.audio.device;

import static dev.parley.client.core.audio.Signals.rms;
import static dev.parley.client.core.audio.Signals.sine;
import static dev.parley.client.core.audio.Signals.zeroCrossingFrequency;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.PcmFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WavFilesTest {

    @TempDir
    Path dir;

    @Test
    void recordedFileHasACorrectHeaderAfterClose() throws Exception {
        Path file = dir.resolve("out.wav");
        short[] chunk = sine(1000, 48000, PcmFormat.CHUNK_SAMPLES, 10000);
        try (WavFileOutput out = WavFileOutput.create(file)) {
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
        }

        assertThat(Files.size(file)).isEqualTo(44 + 50 * PcmFormat.CHUNK_BYTES);
        AudioFileFormat format = AudioSystem.getAudioFileFormat(file.toFile());
        assertThat(format.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        assertThat(format.getFrameLength()).isEqualTo(50 * PcmFormat.CHUNK_SAMPLES);
        assertThat(format.getFormat().getSampleRate()).isEqualTo(48000f);
        assertThat(format.getFormat().getChannels()).isEqualTo(1);
        assertThat(format.getFormat().getSampleSizeInBits()).isEqualTo(16);
    }

    @Test
    void whatIsRecordedReadsBackIdentically() {
        Path file = dir.resolve("roundtrip.wav");
        short[] signal = sine(440, 48000, 30 * PcmFormat.CHUNK_SAMPLES, 12000);
        try (WavFileOutput out = WavFileOutput.create(file)) {
            for (int i = 0; i < 30; i++) {
                out.write(java.util.Arrays.copyOfRange(signal, i * 480, i * 480 + 480));
            }
        }

        short[] back = readAll(WavFileInput.open(file));

        assertThat(back).containsExactly(signal);
    }

    @ParameterizedTest(name = "{0} Hz, {1} channel(s), {2} bit")
    @CsvSource({"44100, 2, 16", "16000, 1, 16", "48000, 2, 24", "22050, 1, 8", "8000, 1, 16"})
    void commonWavFormatsBecome48kMono(int rate, int channels, int bits) throws IOException {
        Path file = writeWav(rate, channels, bits, 1.0);

        short[] samples = readAll(WavFileInput.open(file));

        assertThat(samples.length).isCloseTo(48000, within(480));
        assertThat(zeroCrossingFrequency(samples, 4800, 43200, 48000)).isCloseTo(1000.0, within(1.0));
        double expectedRms = 0.5 * 32767 / Math.sqrt(2);
        assertThat(rms(samples, 4800, 43200)).isCloseTo(expectedRms, within(expectedRms * 0.02));
    }

    @Test
    void lastPartialChunkIsPaddedThenTheInputEnds() throws IOException {
        Path file = writeWav(48000, 1, 16, 0.0105);

        try (WavFileInput in = WavFileInput.open(file)) {
            short[] chunk = PcmFormat.newChunk();
            assertThat(in.read(chunk)).isTrue();
            assertThat(in.read(chunk)).isTrue();
            assertThat(java.util.Arrays.copyOfRange(chunk, 24, 480)).containsOnly((short) 0);
            assertThat(in.read(chunk)).isFalse();
        }
    }

    @Test
    void loopingInputStartsOverInsteadOfEnding() throws IOException {
        Path file = writeWav(48000, 1, 16, 0.05);

        try (WavFileInput in = WavFileInput.open(file, WavFileInput.Pacing.AS_FAST_AS_READ, true)) {
            short[] chunk = PcmFormat.newChunk();
            for (int i = 0; i < 20; i++) {
                assertThat(in.read(chunk)).isTrue();
            }
            in.close();
            assertThat(in.read(chunk)).isFalse();
        }
    }

    @Test
    void missingFileFailsAtOpen() {
        assertThatThrownBy(() -> WavFileInput.open(dir.resolve("nope.wav")))
                .isInstanceOf(AudioDeviceException.class);
    }

    private Path writeWav(int rate, int channels, int bits, double seconds) throws IOException {
        int frames = (int) Math.round(rate * seconds);
        short[] mono = sine(1000, rate, frames, 0.5 * 32767);
        int bytesPerSample = bits / 8;
        ByteBuffer data = ByteBuffer.allocate(frames * channels * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : mono) {
            for (int c = 0; c < channels; c++) {
                switch (bits) {
                    case 8 -> data.put((byte) ((s >> 8) + 128));
                    case 16 -> data.putShort(s);
                    default -> data.put((byte) 0).putShort(s);
                }
            }
        }
        AudioFormat format = new AudioFormat(bits == 8 ? AudioFormat.Encoding.PCM_UNSIGNED : AudioFormat.Encoding.PCM_SIGNED,
                rate, bits, channels, channels * bytesPerSample, rate, false);
        Path file = dir.resolve("in-" + rate + "-" + channels + "-" + bits + ".wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(data.array()), format, frames),
                AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }

    static short[] readAll(WavFileInput input) {
        List<short[]> chunks = new ArrayList<>();
        try (input) {
            short[] chunk = PcmFormat.newChunk();
            while (input.read(chunk)) {
                chunks.add(chunk.clone());
            }
        }
        short[] all = new short[chunks.size() * PcmFormat.CHUNK_SAMPLES];
        for (int i = 0; i < chunks.size(); i++) {
            System.arraycopy(chunks.get(i), 0, all, i * PcmFormat.CHUNK_SAMPLES, PcmFormat.CHUNK_SAMPLES);
        }
        return all;
    }
}
