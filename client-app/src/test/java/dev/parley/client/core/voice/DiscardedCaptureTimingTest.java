package dev.parley.client.core.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.voice.jitter.JitterBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A microphone that fell behind and threw audio away must not look, to a listener, like a slower network.
 * Reproduces what the device-latency benchmark showed through PulseAudio: at the start of a call the
 * capture thread fell behind and the input discarded 20–50 ms at a time, 340 ms in the first second; the
 * listener's jitter target rose to 345 ms and stayed for seconds (a standing delay of 300–600 ms).
 *
 * <p>The whole real send side (capture chain: processing, gate, Opus, numbering) is fed by an input whose
 * audio is a device's: chunk {@code n} is read at device time {@code 10 ms × n} plus whatever was discarded
 * before it, and each packet reaches a real jitter buffer at the moment its chunk was read (a perfect
 * network). The target must stay where a perfect link puts it.
 */
class DiscardedCaptureTimingTest {

    private static final long CHUNK_NANOS = 10_000_000L;

    @Test
    void discardedMicrophoneAudioDoesNotRaiseTheListenersDelay() {
        // 8 discards of 40 ms in the first 800 ms (320 ms in all), then a steady second.
        StallingInput input = new StallingInput(180, 8, 40);
        JitterBuffer listener = new JitterBuffer();
        List<Double> targets = new CopyOnWriteArrayList<>();
        VoiceSettings settings = VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
                .withProcessing(AudioProcessingSettings.allDisabled());
        try (CaptureChain chain = new CaptureChain(input, settings, level -> { }, packet -> {
            // Capture thread: the packet leaves (and, on a perfect network, arrives) when its last chunk was read.
            listener.offer(packet, input.nowNanos());
            targets.add(listener.targetDelayMs());
        })) {
            chain.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> !chain.isRunning());
        }

        assertThat(input.discardedMillis()).isEqualTo(320);
        assertThat(targets).isNotEmpty();
        // A perfect link: the target stays near the 20 ms it starts at (headroom included), never the discards'
        // sum. Before the fix it climbed by every discard, to about 320 ms.
        assertThat(targets.stream().mapToDouble(Double::doubleValue).max().orElseThrow()).isLessThan(60);
    }

    /**
     * Delivers {@code chunks} chunks of a tone; after each of the first {@code discards} × 10 chunks' tenth it
     * reports {@code discardMillis} more discarded (that audio was produced by the device, never read).
     * Capture thread only, apart from {@link #health()}.
     */
    private static final class StallingInput implements AudioInput {
        private final int chunks;
        private final int discards;
        private final int discardMillis;
        private volatile InputHealth health = new InputHealth(0, "stalling", 0);
        private int read;
        private volatile long nowNanos;

        StallingInput(int chunks, int discards, int discardMillis) {
            this.chunks = chunks;
            this.discards = discards;
            this.discardMillis = discardMillis;
        }

        long nowNanos() {
            return nowNanos;
        }

        long discardedMillis() {
            return health.discardedMillis();
        }

        @Override
        public void start() {
            // nothing to start
        }

        @Override
        public boolean read(short[] chunk) {
            if (read >= chunks) {
                return false;
            }
            if (read > 0 && read % 10 == 0 && read / 10 <= discards) {
                health = new InputHealth(0, "stalling", health.discardedMillis() + discardMillis);
            }
            for (int i = 0; i < chunk.length; i++) {
                long sample = (long) read * PcmFormat.CHUNK_SAMPLES + i;
                chunk[i] = (short) (8000 * Math.sin(2 * Math.PI * 220 * sample / PcmFormat.SAMPLE_RATE));
            }
            read++;
            // Device time of the end of this chunk: every chunk read, and every discarded one, took its 10 ms.
            nowNanos = read * CHUNK_NANOS + health.discardedMillis() * 1_000_000L;
            return true;
        }

        @Override
        public InputHealth health() {
            return health;
        }

        @Override
        public String description() {
            return "stalling";
        }

        @Override
        public void close() {
            // nothing to close
        }
    }
}
