package dev.parley.client.core.voice.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.mix.MixSources;
import dev.parley.client.core.voice.receive.SpeakerStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes allocated per 10 ms by each stage of the audio hot path, on one thread, after warm-up: Opus encode,
 * Opus decode, one speaker's receive pipeline (jitter buffer + decode + time-stretching) and the mixer over
 * it. Garbage made every 10 ms is what GC pauses are made of, so this says where it comes from.
 * <p>
 * Run: {@code ./mvnw -B -pl client-app -am test -Dparley.excludedGroups=none -Dgroups=benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest='AudioPathAllocationBenchmark' | grep FIGURE}
 */
@Tag("benchmark")
class AudioPathAllocationBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(AudioPathAllocationBenchmark.class);
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int FRAME_MS = 20;
    private static final int FRAMES = 3_000;

    @Test
    void bytesPerTenMillisecondsOfEachStage() {
        OpusSettings settings = OpusSettings.defaults().withFrameMillis(FRAME_MS);
        int frameSamples = settings.frameSamples();
        short[] signal = TestSignals.voiced(frameSamples * 50);
        VoiceEncoder encoder = new VoiceEncoder(settings);
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        byte[][] packets = new byte[50][];
        short[] pcm = new short[frameSamples];
        for (int i = 0; i < 50; i++) {
            System.arraycopy(signal, i * frameSamples, pcm, 0, frameSamples);
            packets[i] = Arrays.copyOf(out, encoder.encode(pcm, out));
        }

        double encode = perTenMs(FRAMES, i -> {
            System.arraycopy(signal, (i % 50) * frameSamples, pcm, 0, frameSamples);
            encoder.encode(pcm, out);
        }, FRAME_MS);
        VoiceDecoder decoder = new VoiceDecoder(frameSamples);
        short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
        double decode = perTenMs(FRAMES, i -> decoder.decode(packets[i % 50], decoded), FRAME_MS);
        double conceal = perTenMs(FRAMES, i -> decoder.conceal(decoded), FRAME_MS);

        SpeakerStream stream = new SpeakerStream(1, JitterSettings.defaults(), 0);
        EncodedFrame[] frames = new EncodedFrame[FRAMES * 4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new EncodedFrame(i, (long) i * frameSamples, false, packets[i % 50]);
        }
        short[] chunk = new short[480];
        long[] clock = {0};
        // Two 10 ms pulls per 20 ms frame; the packet arrives just before the first.
        int[] next = {0};
        double receive = perTenMs(FRAMES, i -> {
            long now = clock[0];
            stream.offer(frames[next[0]++], now);
            stream.read(chunk, now + 1_000_000);
            stream.read(chunk, now + 11_000_000);
            clock[0] += 20_000_000;
        }, FRAME_MS);
        Mixer mixer = new Mixer(new MixSources() {
            private final List<SpeakerStream> sources = List.of(stream);

            @Override
            public List<SpeakerStream> sources() {
                return sources;
            }
        });
        short[] mixed = new short[Mixer.CHUNK_SAMPLES];
        double mix = perTenMs(FRAMES, i -> {
            long now = clock[0];
            stream.offer(frames[next[0]++], now);
            mixer.mix(mixed, now + 1_000_000);
            mixer.mix(mixed, now + 11_000_000);
            clock[0] += 20_000_000;
        }, FRAME_MS);

        LOG.warn("FIGURE allocation per 10 ms of audio ({} ms frames): Opus encode {} B, Opus decode {} B, "
                        + "Opus concealment {} B, one speaker's receive pipeline (jitter buffer + decode + "
                        + "time-stretch) {} B, mixer over it {} B; receiver {}",
                FRAME_MS, Math.round(encode), Math.round(decode), Math.round(conceal), Math.round(receive),
                Math.round(mix), stream.stats());
        assertThat(stream.stats().decodedFrames()).isGreaterThan(FRAMES);
        assertThat(stream.stats().jitter().late()).isZero();
    }

    private interface Step {
        void run(int i);
    }

    /** Runs {@code count} steps (each {@code stepMs} of audio) after as many for warm-up; bytes per 10 ms. */
    private static double perTenMs(int count, Step step, int stepMs) {
        for (int i = 0; i < count; i++) {
            step.run(i);
        }
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        for (int i = 0; i < count; i++) {
            step.run(i);
        }
        long bytes = THREADS.getThreadAllocatedBytes(id) - before;
        return bytes / (count * stepMs / 10.0);
    }
}
