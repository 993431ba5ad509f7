package dev.parley.client.core.voice.e2e;

import static dev.parley.client.core.support.Clients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.client.core.voice.receive.ReceiveStats;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Software mouth-to-ear latency over a 60 s open-microphone stream: speech (looped, quiet) with a loud
 * 10 ms click embedded every 500 ms goes in at one engine's capture chain; the listener's mixer output is
 * searched for each click. Real room, relay, UDP, Opus and jitter buffer on loopback, no device buffers.
 * The latency of a click = (the moment its first sample leaves the mixer: the write time of its chunk
 * plus its offset in the chunk) − (the moment the chunk holding it was handed to the engine).
 * <p>
 * Run: {@code mvn -B -pl client-app -am test -Dparley.excludedGroups=none -Dgroups=benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest='MouthToEarBenchmark' | grep FIGURE}
 */
@Tag("benchmark")
@Timeout(240)
class MouthToEarBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MouthToEarBenchmark.class);
    private static final int STREAM_SECONDS = Integer.getInteger("parley.bench.seconds", 60);
    private static final int CLICK_PEAK = 20_000;
    private static final int SPEECH_PEAK = 4_000;
    private static final int DETECT = 12_000;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ms frames, loss {1}, jitter {2} ms")
    @CsvSource({"20, 0, 0", "10, 0, 0", "20, 0.10, 30", "10, 0.10, 30"})
    void mouthToEarOverAnOpenMicrophoneStream(int frameMillis, double loss, int jitterMillis) throws Exception {
        try (TestRoom room = TestRoom.start(dir)) {
            VoiceSettings base = VoiceSettings.defaults().withProcessing(AudioProcessingSettings.allDisabled())
                    .withOpus(OpusSettings.defaults().withFrameMillis(frameMillis));
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", room.server().voicePort());
            UdpShim shim = UdpShim.lossy(relay, loss, jitterMillis, 11);
            UnaryOperator<InetSocketAddress> route = loss == 0 && jitterMillis == 0
                    ? UnaryOperator.identity() : address -> shim.address();
            ControlClient listenerClient = guest(room, "ear");
            ControlClient speakerClient = guest(room, "mouth");
            ClickDetector ear = new ClickDetector();
            ClickedSpeech mouth = new ClickedSpeech(speech(), STREAM_SECONDS * 100);
            ReceiveStats stats;
            try (shim;
                 VoiceEngine listener = new VoiceEngine(listenerClient, new NullAudioInput(), ear,
                         base.withTransmitMode(TransmitMode.PUSH_TO_TALK), route);
                 VoiceEngine speaker = new VoiceEngine(speakerClient, mouth, new NullOutput(),
                         base.withTransmitMode(TransmitMode.ALWAYS_ON))) {
                await(listener.start());
                awaitUdp(listener);
                mouth.hold();
                await(speaker.start());
                awaitUdp(speaker);
                mouth.release();
                await().atMost(Duration.ofSeconds(STREAM_SECONDS + 60L)).until(() -> !speaker.isCapturing());
                await().atMost(Duration.ofSeconds(5)).until(() -> listener.talkingSessions().isEmpty());
                stats = listener.speakerStats().values().stream().findFirst().orElseThrow();
            } finally {
                listenerClient.close();
                speakerClient.close();
            }
            long[] latencies = match(mouth.clicks(), ear.heard());
            long[] firstHalf = Arrays.copyOfRange(latencies, 0, latencies.length / 2);
            long[] secondHalf = Arrays.copyOfRange(latencies, latencies.length / 2, latencies.length);
            LOG.warn("FIGURE mouth-to-ear {} ms frames, loss {} %, jitter 0-{} ms, {} s open mic: median {} ms, "
                            + "p95 {} ms, min {} ms, max {} ms over {} of {} clicks (first half median {} ms, "
                            + "second half median {} ms); receiver: {}",
                    frameMillis, Math.round(loss * 100), jitterMillis, STREAM_SECONDS, ms(percentile(latencies, 0.5)),
                    ms(percentile(latencies, 0.95)), ms(percentile(latencies, 0)), ms(percentile(latencies, 1)),
                    latencies.length, mouth.clicks().size(), ms(percentile(firstHalf, 0.5)),
                    ms(percentile(secondHalf, 0.5)), stats);
            assertThat(latencies.length).isGreaterThan(mouth.clicks().size() / 2);
        }
    }

    /** For each click the first onset heard after it and before the next click. */
    private static long[] match(List<Long> clicks, List<Long> heard) {
        List<Long> latencies = new ArrayList<>();
        for (long click : clicks) {
            heard.stream().filter(at -> at > click && at < click + 450_000_000L).findFirst()
                    .ifPresent(at -> latencies.add(at - click));
        }
        return latencies.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    private static ControlClient guest(TestRoom room, String name) throws Exception {
        ControlClient client = Clients.client(room.port());
        Clients.signIn(client, new Credentials.Guest(name, null));
        return client;
    }

    private static void awaitUdp(VoiceEngine engine) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
    }

    private static short[] speech() throws Exception {
        Path file = Path.of(MouthToEarBenchmark.class.getResource("/audio/speech-48k.wav").toURI());
        short[] all = new short[0];
        try (WavFileInput input = WavFileInput.open(file)) {
            short[] chunk = PcmFormat.newChunk();
            while (input.read(chunk)) {
                all = Arrays.copyOf(all, all.length + chunk.length);
                System.arraycopy(chunk, 0, all, all.length - chunk.length, chunk.length);
            }
        }
        int peak = 1;
        for (short s : all) {
            peak = Math.max(peak, Math.abs(s));
        }
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (all[i] * SPEECH_PEAK / peak);
        }
        return all;
    }

    /**
     * An open microphone: quiet speech, looped, paced in real time, with a loud 1 kHz click in one chunk
     * every 500 ms; notes when each click chunk was handed over. Held silent until released.
     */
    private static final class ClickedSpeech implements AudioInput {
        private final short[] speech;
        private final int chunks;
        private final List<Long> clicks = new ArrayList<>();
        private volatile boolean held;
        private volatile boolean closed;
        private long next;
        private long index;

        ClickedSpeech(short[] speech, int chunks) {
            this.speech = speech;
            this.chunks = chunks;
        }

        void hold() {
            held = true;
        }

        void release() {
            held = false;
        }

        synchronized List<Long> clicks() {
            return List.copyOf(clicks);
        }

        @Override
        public void start() {
            next = System.nanoTime();
        }

        @Override
        public boolean read(short[] chunk) {
            long wait;
            while ((wait = next - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            next += PcmFormat.CHUNK_NANOS;
            if (closed || index >= chunks) {
                return false;
            }
            if (held) {
                Arrays.fill(chunk, (short) 0);
                return true;
            }
            int from = (int) ((index * chunk.length) % (speech.length - chunk.length));
            System.arraycopy(speech, from, chunk, 0, chunk.length);
            if (index % 50 == 25) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (short) (CLICK_PEAK * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
                }
                synchronized (this) {
                    clicks.add(System.nanoTime());
                }
            }
            index++;
            return true;
        }

        @Override
        public String description() {
            return "speech with clicks";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Notes when a click's first loud sample leaves the mixer. */
    private static final class ClickDetector implements AudioOutput {
        private final List<Long> heard = new ArrayList<>();
        private boolean inClick;

        @Override
        public synchronized void write(short[] chunk) {
            long now = System.nanoTime();
            int onset = -1;
            int peak = 0;
            for (int i = 0; i < chunk.length; i++) {
                int level = Math.abs(chunk[i]);
                peak = Math.max(peak, level);
                if (onset < 0 && level > DETECT) {
                    onset = i;
                }
            }
            if (onset >= 0 && !inClick) {
                heard.add(now + onset * 1_000_000_000L / 48_000);
                inClick = true;
            } else if (peak < DETECT / 2) {
                inClick = false;
            }
        }

        synchronized List<Long> heard() {
            return List.copyOf(heard);
        }

        @Override
        public String description() {
            return "click detector";
        }

        @Override
        public void close() {
        }
    }

    private static final class NullOutput implements AudioOutput {
        @Override
        public void write(short[] chunk) {
        }

        @Override
        public String description() {
            return "nothing";
        }

        @Override
        public void close() {
        }
    }
}
