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
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.client.core.voice.receive.ReceiveStats;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
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
 * Run: {@code ./mvnw -B -pl client-app -am test -Dparley.excludedGroups=none -Dgroups=benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest='MouthToEarBenchmark' | grep FIGURE}
 */
@Tag("benchmark")
@Timeout(3_600)
class MouthToEarBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(MouthToEarBenchmark.class);
    private static final int STREAM_SECONDS = Integer.getInteger("parley.bench.seconds", 60);
    private static final int CLICK_PEAK = 20_000;
    private static final int SPEECH_PEAK = 4_000;
    private static final int DETECT = 12_000;
    /**
     * -Dparley.bench.trace=true: per 250 ms of the first 20 s from the speaker's start, where the delay comes from
     * (capture lag, transit, arrival and write gaps, the receiver's target).
     */
    private static final boolean TRACE = Boolean.getBoolean("parley.bench.trace");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} ms frames, loss {1}, jitter {2} ms")
    @CsvSource({"20, 0, 0", "10, 0, 0", "20, 0.10, 30", "10, 0.10, 30"})
    void mouthToEarOverAnOpenMicrophoneStream(int frameMillis, double loss, int jitterMillis) throws Exception {
        // -Dparley.bench.configs=20/0,10/0.1 runs only those (frame ms / loss) of the four configurations.
        String only = System.getProperty("parley.bench.configs", "");
        Assumptions.assumeTrue(only.isBlank() || Arrays.stream(only.split(","))
                .anyMatch(config -> config.equals(frameMillis + "/" + (loss == 0 ? "0" : String.valueOf(loss)))),
                "not among -Dparley.bench.configs=" + only);
        // -Dparley.bench.headrooms=5,2 -Dparley.bench.repeat=3 runs the stream with each listener headroom in turn,
        // three times over (interleaved, so both see the same load; each run has its own capture/playout phase).
        String headrooms = System.getProperty("parley.bench.headrooms", "");
        int repeat = Integer.getInteger("parley.bench.repeat", 1);
        // -Dparley.bench.e2e=true runs the stream in an end-to-end encrypted channel; "both" runs it plain and
        // encrypted in turn (interleaved like the headrooms).
        String e2e = System.getProperty("parley.bench.e2e", "false");
        boolean[] encryptedModes = e2e.equals("both") ? new boolean[] {false, true} : new boolean[] {Boolean.parseBoolean(e2e)};
        for (int round = 0; round < repeat; round++) {
            for (String headroom : headrooms.isBlank() ? new String[] {""} : headrooms.split(",")) {
                for (boolean encrypted : encryptedModes) {
                    JitterSettings d = JitterSettings.defaults();
                    JitterSettings jitter = headroom.isBlank() ? d : new JitterSettings(d.initialDelayMs(), d.minDelayMs(),
                            d.maxDelayMs(), d.percentile(), d.windowPackets(), d.windowMs(), Integer.parseInt(headroom.trim()),
                            d.shrinkMsPerSecond(), d.spurtGapMs());
                    oneStream(frameMillis, loss, jitterMillis, jitter, encrypted,
                            dir.resolve("run-" + round + "-" + headroom.trim() + (encrypted ? "-e2e" : "")));
                }
            }
        }
    }

    private void oneStream(int frameMillis, double loss, int jitterMillis, JitterSettings jitter, boolean encrypted,
            Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir);
        try (TestRoom room = TestRoom.start(dir)) {
            VoiceSettings base = VoiceSettings.defaults().withProcessing(AudioProcessingSettings.allDisabled())
                    .withOpus(OpusSettings.defaults().withFrameMillis(frameMillis));
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", room.server().voicePort());
            UdpShim shim = UdpShim.lossy(relay, loss, jitterMillis, 11);
            UnaryOperator<InetSocketAddress> route = loss == 0 && jitterMillis == 0
                    ? UnaryOperator.identity() : address -> shim.address();
            ChannelKey key = encrypted ? encryptLobby(room) : null;
            ControlClient listenerClient = guest(room, "ear");
            ControlClient speakerClient = guest(room, "mouth");
            ClickDetector ear = new ClickDetector();
            ClickedSpeech mouth = new ClickedSpeech(speech(), STREAM_SECONDS * 100);
            ReceiveStats stats;
            List<ReceiveStats> samples = new ArrayList<>();
            GcPauses gc = new GcPauses();
            ThreadAllocation allocation;
            Map<String, Long> allocated;
            long chunksAtStart;
            long chunksAtEnd;
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            try (shim; gc;
                 VoiceEngine listener = new VoiceEngine(listenerClient, new NullAudioInput(), ear,
                         base.withTransmitMode(TransmitMode.PUSH_TO_TALK).withJitter(jitter), route);
                 VoiceEngine speaker = new VoiceEngine(speakerClient, mouth, new NullOutput(),
                         base.withTransmitMode(TransmitMode.ALWAYS_ON))) {
                listener.setChannelEncryption(encrypted, key);
                speaker.setChannelEncryption(encrypted, key);
                await(listener.start());
                awaitUdp(listener);
                mouth.hold();
                Trace trace = TRACE ? new Trace(System.nanoTime()) : null;
                if (trace != null) {
                    // From the speaker's start: its capture runs (held silent) before the release.
                    mouth.trace = trace;
                    ear.trace = trace;
                    listener.tapReceivedPackets(
                            (session, timestamp, payload, arrival) -> trace.arrived(timestamp, arrival));
                    sampler.scheduleAtFixedRate(() -> listener.speakerStats().values().stream().findFirst()
                            .ifPresent(trace::receiver), 250, 250, TimeUnit.MILLISECONDS);
                }
                await(speaker.start());
                awaitUdp(speaker);
                allocation = ThreadAllocation.start("parley-playback", "parley-capture", "parley-voice-net");
                chunksAtStart = listener.chunksPlayed();
                if (trace != null) {
                    trace.released(System.nanoTime());
                }
                mouth.release();
                // The receiver's state every 10 s, to see where a drift in the delay comes from.
                sampler.scheduleAtFixedRate(() -> listener.speakerStats().values().stream().findFirst()
                        .ifPresent(sample -> {
                            synchronized (samples) {
                                samples.add(sample);
                            }
                        }), 10, 10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(STREAM_SECONDS + 60L)).until(() -> !speaker.isCapturing());
                chunksAtEnd = listener.chunksPlayed();
                allocated = allocation.sinceStart();
                await().atMost(Duration.ofSeconds(5)).until(() -> listener.talkingSessions().isEmpty());
                stats = listener.speakerStats().values().stream().findFirst().orElseThrow();
            } finally {
                sampler.shutdownNow();
                listenerClient.close();
                speakerClient.close();
            }
            long[] inClickOrder = match(mouth.clicks(), ear.heard());
            if (mouth.trace != null) {
                mouth.trace.print(inClickOrder);
            }
            long[] latencies = Arrays.stream(inClickOrder).filter(l -> l >= 0).sorted().toArray();
            int half = inClickOrder.length / 2;
            long[] firstHalf = heardSorted(inClickOrder, 0, half);
            long[] secondHalf = heardSorted(inClickOrder, half, inClickOrder.length);
            LOG.warn("FIGURE mouth-to-ear {} ms frames, loss {} %, jitter 0-{} ms, {} s open mic, headroom {} ms{}: median {} ms, "
                            + "p95 {} ms, min {} ms, max {} ms over {} of {} clicks (first half median {} ms, "
                            + "second half median {} ms, second half p95 {} ms); receiver: {}",
                    frameMillis, Math.round(loss * 100), jitterMillis, STREAM_SECONDS, jitter.headroomMs(),
                    encrypted ? ", end-to-end encrypted" : "", ms(percentile(latencies, 0.5)),
                    ms(percentile(latencies, 0.95)), ms(percentile(latencies, 0)), ms(percentile(latencies, 1)),
                    latencies.length, mouth.clicks().size(), ms(percentile(firstHalf, 0.5)),
                    ms(percentile(secondHalf, 0.5)), ms(percentile(secondHalf, 0.95)), stats);
            StringBuilder windows = new StringBuilder();
            int perWindow = 20; // clicks every 500 ms: 10 s
            for (int from = 0; from < inClickOrder.length; from += perWindow) {
                long[] window = heardSorted(inClickOrder, from, Math.min(inClickOrder.length, from + perWindow));
                windows.append(String.format(" [%d-%d s: median %.1f ms, max %.1f ms]", from / 2, (from + perWindow) / 2,
                        ms(percentile(window, 0.5)), ms(percentile(window, 1))));
            }
            LOG.warn("FIGURE mouth-to-ear {} ms frames, loss {} % by 10 s:{}", frameMillis, Math.round(loss * 100),
                    windows);
            synchronized (samples) {
                for (ReceiveStats sample : samples) {
                    LOG.warn("FIGURE receiver every 10 s: target {} ms, jitter {} ms, accelerated {} ms ({}x), "
                                    + "stretched {} ms ({}x), expanded {}, concealed {}, fec {}, late {}",
                            sample.jitter().targetDelayMs(), Math.round(sample.jitter().jitterMs() * 10) / 10.0,
                            Math.round(sample.acceleratedMs()), sample.accelerations(),
                            Math.round(sample.stretchedMs()), sample.stretches(), sample.expandedFrames(),
                            sample.concealedFrames(), sample.fecFrames(), sample.lateDropped());
                }
            }
            long[] pauses = gc.pausesMs();
            LOG.warn("FIGURE GC during the stream ({}; {}): {} pauses, median {} ms, max {} ms, total {} ms; all: {}",
                    GcPauses.collectors(), ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                            .filter(arg -> arg.startsWith("-XX") || arg.startsWith("-Xm")).toList(),
                    pauses.length, percentile(pauses, 0.5), percentile(pauses, 1),
                    Arrays.stream(pauses).sum(), gc.all());
            long chunks = Math.max(1, chunksAtEnd - chunksAtStart);
            StringBuilder perChunk = new StringBuilder();
            allocated.forEach((thread, bytes) -> perChunk.append(String.format(" %s %d B (%.0f B per 10 ms)",
                    thread, bytes, bytes / (double) chunks)));
            LOG.warn("FIGURE allocation on the audio threads over {} chunks of 10 ms:{}", chunks, perChunk);
            assertThat(latencies.length).isGreaterThan(mouth.clicks().size() / 2);
        }
    }

    /** For each click (in order) the delay to the first onset heard after it and before the next click; -1 if none. */
    private static long[] match(List<Long> clicks, List<Long> heard) {
        long[] latencies = new long[clicks.size()];
        for (int i = 0; i < clicks.size(); i++) {
            long click = clicks.get(i);
            latencies[i] = heard.stream().filter(at -> at > click && at < click + 450_000_000L).findFirst()
                    .map(at -> at - click).orElse(-1L);
        }
        return latencies;
    }

    /** The latencies of clicks {@code [from, to)} that were heard, sorted. */
    private static long[] heardSorted(long[] inClickOrder, int from, int to) {
        return Arrays.stream(inClickOrder, from, to).filter(l -> l >= 0).sorted().toArray();
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

    /** Makes the lobby end-to-end encrypted (an admin's channel.rekey) and derives its key from a passphrase. */
    private static ChannelKey encryptLobby(TestRoom room) throws Exception {
        try (ControlClient admin = Clients.registered(room.port(), "admin")) {
            await(admin.requestOk(new dev.parley.protocol.control.message.Channels.Rekey(1L)));
            dev.parley.protocol.control.model.ChannelInfo lobby = await(admin.request(
                    new dev.parley.protocol.control.message.Directory.ListChannels(null, null),
                    dev.parley.protocol.control.message.Directory.ChannelPage.class)).channels().stream()
                    .filter(channel -> channel.id() == 1).findFirst().orElseThrow();
            return ChannelKey.derive(1, lobby.e2e(), "benchmark passphrase".toCharArray());
        }
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
        volatile Trace trace;

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
            Trace t = trace;
            if (t != null) {
                t.captured(System.nanoTime(), System.nanoTime() - next);
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

    /** Where the delay of the first seconds comes from, per 250 ms bucket; printed at the end. */
    private static final class Trace {
        private static final int BUCKETS = 80;
        private static final long BUCKET = 250_000_000L;
        private final long start;
        private final double[] captureLag = new double[BUCKETS];
        private final double[] transit = new double[BUCKETS];
        private final double[] arrivalGap = new double[BUCKETS];
        private final double[] writeGap = new double[BUCKETS];
        private final int[] packets = new int[BUCKETS];
        private final String[] receiver = new String[BUCKETS];
        private double fastest = Double.MAX_VALUE;
        private long lastArrival;
        private long lastWrite;
        private long released;

        Trace(long start) {
            this.start = start;
        }

        private int bucket(long now) {
            long b = (now - start) / BUCKET;
            return b < 0 || b >= BUCKETS ? -1 : (int) b;
        }

        synchronized void released(long now) {
            released = now;
        }

        synchronized void captured(long now, long lagNanos) {
            int b = bucket(now);
            if (b >= 0) {
                captureLag[b] = Math.max(captureLag[b], lagNanos / 1e6);
            }
        }

        synchronized void arrived(int wireTimestamp, long arrival) {
            double t = arrival / 1e6 - (wireTimestamp & 0xFFFFFFFFL) / 48.0;
            fastest = Math.min(fastest, t);
            int b = bucket(arrival);
            if (b >= 0) {
                transit[b] = Math.max(transit[b], t - fastest);
                packets[b]++;
                if (lastArrival != 0) {
                    arrivalGap[b] = Math.max(arrivalGap[b], (arrival - lastArrival) / 1e6);
                }
            }
            lastArrival = arrival;
        }

        synchronized void written(long now) {
            int b = bucket(now);
            if (b >= 0 && lastWrite != 0) {
                writeGap[b] = Math.max(writeGap[b], (now - lastWrite) / 1e6);
            }
            lastWrite = now;
        }

        synchronized void receiver(ReceiveStats stats) {
            int b = bucket(System.nanoTime());
            if (b >= 0) {
                receiver[b] = "target " + stats.jitter().targetDelayMs() + " jitter "
                        + Math.round(stats.jitter().jitterMs()) + " exp " + stats.expandedFrames() + " acc "
                        + Math.round(stats.acceleratedMs()) + " str " + Math.round(stats.stretchedMs());
            }
        }

        synchronized void print(long[] inClickOrder) {
            int releasedBucket = bucket(released);
            LOG.warn("TRACE released at {} s", (released - start) / 1e9);
            for (int b = 0; b < BUCKETS; b++) {
                int click = (b - releasedBucket - 1) / 2; // a click every 500 ms, the first 250 ms in
                boolean clickHere = (b - releasedBucket) % 2 == 1 && click >= 0 && click < inClickOrder.length;
                LOG.warn(String.format("TRACE %5.2f s: capture lag max %6.1f ms, transit+ max %6.1f, "
                                + "arrival gap max %6.1f (%d pkts), write gap max %6.1f, click %s; %s", b * 0.25,
                        captureLag[b], transit[b], arrivalGap[b], packets[b], writeGap[b],
                        clickHere ? String.format("%.1f", inClickOrder[click] / 1e6) : "-", receiver[b]));
            }
        }
    }

    /** Notes when a click's first loud sample leaves the mixer. */
    private static final class ClickDetector implements AudioOutput {
        private final List<Long> heard = new ArrayList<>();
        private boolean inClick;
        volatile Trace trace;

        @Override
        public synchronized void write(short[] chunk) {
            long now = System.nanoTime();
            Trace t = trace;
            if (t != null) {
                t.written(now);
            }
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
