package dev.parley.client.core.voice.bench;

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
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures in docs/BENCHMARKS.md. Not part of the default run (tag {@code benchmark}); run with
 * {@code ./mvnw -B -pl client-app -am test -Dparley.excludedGroups=none -Dgroups=benchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtest='VoiceBenchmarkTest'}. Figures are printed; the
 * assertions only check that something real was measured.
 */
@Tag("benchmark")
@Timeout(180)
class VoiceBenchmarkTest {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceBenchmarkTest.class);

    @TempDir
    Path dir;

    @Test
    void opusEncodeAndDecodeTimePerTwentyMillisecondFrame() throws Exception {
        short[] speech = speech();
        OpusSettings settings = OpusSettings.defaults().withFrameMillis(20);
        int frame = settings.frameSamples();
        int frames = speech.length / frame;
        VoiceEncoder encoder = new VoiceEncoder(settings);
        VoiceDecoder decoder = new VoiceDecoder();
        byte[] packet = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        short[] in = new short[frame];
        short[] out = new short[OpusSettings.MAX_FRAME_SAMPLES];
        int rounds = 5_000;
        long[] encodeNanos = new long[rounds];
        long[] decodeNanos = new long[rounds];
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            for (int i = 0; i < rounds; i++) {
                System.arraycopy(speech, (i % frames) * frame, in, 0, frame);
                long t0 = System.nanoTime();
                int bytes = encoder.encode(in, packet);
                long t1 = System.nanoTime();
                decoder.decode(packet, 0, bytes, out);
                long t2 = System.nanoTime();
                encodeNanos[i] = t1 - t0;
                decodeNanos[i] = t2 - t1;
            }
        }
        long encode = median(encodeNanos);
        long decode = median(decodeNanos);
        LOG.warn("FIGURE opus 20 ms frame, 32 kbps, complexity {}, FEC on: encode median {} us (p90 {} us), decode median {} us (p90 {} us)",
                settings.complexity(), encode / 1000.0, percentile(encodeNanos, 0.9) / 1000.0, decode / 1000.0,
                percentile(decodeNanos, 0.9) / 1000.0);
        assertThat(encode).isPositive();
        assertThat(decode).isPositive();
    }

    @Test
    void softwareMouthToEarLatencyOnLoopback() throws Exception {
        try (TestRoom room = TestRoom.start(dir)) {
            VoiceSettings base = VoiceSettings.defaults().withProcessing(AudioProcessingSettings.allDisabled());
            ControlClient listenerClient = guest(room, "ear");
            ControlClient speakerClient = guest(room, "mouth");
            ClickDetector ear = new ClickDetector();
            ClickInput mouth = new ClickInput(12);
            try (VoiceEngine listener = new VoiceEngine(listenerClient, new NullAudioInput(), ear,
                    base.withTransmitMode(TransmitMode.PUSH_TO_TALK));
                 VoiceEngine speaker = new VoiceEngine(speakerClient, mouth, new NullOutput(),
                         base.withTransmitMode(TransmitMode.ALWAYS_ON))) {
                await(listener.start());
                awaitUdp(listener);
                mouth.hold();
                await(speaker.start());
                awaitUdp(speaker);
                mouth.release();
                await().atMost(Duration.ofSeconds(30)).until(() -> !speaker.isCapturing());
                await().atMost(Duration.ofSeconds(3)).until(() -> listener.talkingSessions().isEmpty());
            } finally {
                listenerClient.close();
                speakerClient.close();
            }
            List<Long> latencies = new ArrayList<>();
            List<Long> clicks = mouth.clicks();
            List<Long> heard = ear.heard();
            for (long click : clicks) {
                // the first burst heard after this click and before the next one
                heard.stream().filter(at -> at > click && at < click + 450_000_000L).findFirst()
                        .ifPresent(at -> latencies.add(at - click));
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            LOG.warn("FIGURE mouth-to-ear (capture chunk in -> same sound out of the mixer, loopback, no device buffers): "
                            + "median {} ms, min {} ms, max {} ms over {} clicks", median(sorted) / 1e6,
                    sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length);
            assertThat(sorted).hasSizeGreaterThanOrEqualTo(8);
        }
    }

    @Test
    void relayPacketsPerSecond() throws Exception {
        try (TestRoom room = TestRoom.start(dir)) {
            int listeners = 9;
            List<ControlClient> clients = new ArrayList<>();
            List<RawVoice> voices = new ArrayList<>();
            InetSocketAddress relay = new InetSocketAddress("127.0.0.1", room.server().voicePort());
            for (int i = 0; i <= listeners; i++) {
                ControlClient client = guest(room, "bot" + i);
                clients.add(client);
                Voice.Ready ready = await(client.request(new Voice.Start(), Voice.Ready.class));
                voices.add(RawVoice.bind(relay, ready));
            }
            RawVoice speaker = voices.get(0);
            AtomicLong delivered = new AtomicLong();
            List<Thread> drains = new ArrayList<>();
            for (RawVoice listener : voices.subList(1, voices.size())) {
                Thread t = new Thread(() -> listener.drain(delivered), "drain");
                t.setDaemon(true);
                t.start();
                drains.add(t);
            }
            byte[] payload = new byte[80]; // a 32 kbps, 20 ms Opus packet
            long warmEnd = System.nanoTime() + 2_000_000_000L;
            while (System.nanoTime() < warmEnd) {
                speaker.sendAudio(payload);
            }
            long outBefore = packetsOut(room);
            long deliveredBefore = delivered.get();
            long sent = 0;
            long start = System.nanoTime();
            long end = start + 5_000_000_000L;
            while (System.nanoTime() < end) {
                speaker.sendAudio(payload);
                sent++;
                if (sent % 64 == 0) {
                    LockSupport.parkNanos(50_000); // let the relay keep up rather than overflow its socket buffer
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LockSupport.parkNanos(200_000_000L);
            long out = packetsOut(room) - outBefore;
            long got = delivered.get() - deliveredBefore;
            LOG.warn("FIGURE relay: 1 speaker -> {} listeners, 80-byte payloads: {} datagrams in/s offered, "
                            + "{} packets out/s forwarded (sealed per listener), {} received/s by listeners",
                    listeners, Math.round(sent / seconds), Math.round(out / seconds), Math.round(got / seconds));
            voices.forEach(RawVoice::close);
            clients.forEach(ControlClient::close);
            assertThat(out).isPositive();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static ControlClient guest(TestRoom room, String name) throws Exception {
        ControlClient client = Clients.client(room.port());
        Clients.signIn(client, new Credentials.Guest(name, null));
        return client;
    }

    private static void awaitUdp(VoiceEngine engine) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP);
    }

    private static long packetsOut(TestRoom room) {
        Matcher m = Pattern.compile("(?m)^parley_voice_packets_out_total (\\S+)$")
                .matcher(room.server().metrics().toPrometheusText());
        assertThat(m.find()).isTrue();
        return (long) Double.parseDouble(m.group(1));
    }

    private static long median(long[] values) {
        return percentile(values, 0.5);
    }

    private static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    private static short[] speech() throws Exception {
        Path file = Path.of(VoiceBenchmarkTest.class.getResource("/audio/speech-48k.wav").toURI());
        try (WavFileInput input = WavFileInput.open(file)) {
            short[] all = new short[48_000 * 6];
            short[] chunk = PcmFormat.newChunk();
            int n = 0;
            while (n + chunk.length <= all.length && input.read(chunk)) {
                System.arraycopy(chunk, 0, all, n, chunk.length);
                n += chunk.length;
            }
            return Arrays.copyOf(all, n);
        }
    }

    /**
     * A microphone that says nothing but a 10 ms, 1 kHz tone burst every 500 ms, paced in real time, and
     * notes when each burst was handed to the capture thread. Held silent until released.
     */
    private static final class ClickInput implements AudioInput {
        private final int count;
        private final List<Long> clicks = new ArrayList<>();
        private volatile boolean held;
        private long next;
        private long chunkIndex;
        private volatile boolean closed;

        ClickInput(int count) {
            this.count = count;
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
            Arrays.fill(chunk, (short) 0);
            if (closed) {
                return false;
            }
            if (held) {
                return true;
            }
            chunkIndex++;
            if (chunkIndex % 50 == 25) {
                synchronized (this) {
                    if (clicks.size() >= count) {
                        return false;
                    }
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = (short) (16_000 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
                    }
                    clicks.add(System.nanoTime());
                }
            }
            return true;
        }

        @Override
        public String description() {
            return "clicks";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Notes when a burst first comes out of the mixer (the chunk handed to the output). */
    private static final class ClickDetector implements AudioOutput {
        private final List<Long> heard = new ArrayList<>();
        private boolean inBurst;

        @Override
        public synchronized void write(short[] chunk) {
            int peak = 0;
            for (short s : chunk) {
                peak = Math.max(peak, Math.abs(s));
            }
            if (peak > 4_000 && !inBurst) {
                heard.add(System.nanoTime());
                inBurst = true;
            } else if (peak < 500) {
                inBurst = false;
            }
        }

        synchronized int detections() {
            return heard.size();
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

    /** A bare voice session on a UDP socket, for load. Each instance is used by one thread at a time. */
    private static final class RawVoice {
        private final DatagramChannel channel;
        private final VoiceLink link;
        private final byte[] out = new byte[1400];
        private final ByteBuffer buffer = ByteBuffer.allocateDirect(1400);
        private int sequence;

        private RawVoice(DatagramChannel channel, VoiceLink link) {
            this.channel = channel;
            this.link = link;
        }

        static RawVoice bind(InetSocketAddress relay, Voice.Ready ready) throws Exception {
            DatagramChannel channel = DatagramChannel.open().connect(relay);
            VoiceLink link = new VoiceLink(ready.sessionId(), VoiceKey.fromBase64(ready.key()), VoiceDirection.CLIENT_TO_SERVER);
            RawVoice voice = new RawVoice(channel, link);
            channel.write(ByteBuffer.wrap(link.seal(new VoiceHello(1))));
            ByteBuffer answer = ByteBuffer.allocate(1500);
            channel.read(answer);
            OpenResult challenge = link.open(Arrays.copyOf(answer.array(), answer.position()));
            assertThat(challenge).isInstanceOf(OpenResult.Opened.class);
            // Return-routability: echo the relay's cookie from the same address to be bound.
            channel.write(ByteBuffer.wrap(link.seal(new VoiceHello(1,
                    ((VoiceChallenge) ((OpenResult.Opened) challenge).body()).cookie()))));
            answer.clear();
            channel.read(answer);
            assertThat(link.open(Arrays.copyOf(answer.array(), answer.position()))).isInstanceOf(OpenResult.Opened.class);
            return voice;
        }

        void sendAudio(byte[] payload) {
            AudioFrame frame = new AudioFrame(link.sessionId(), sequence++, sequence * 960, 0, payload);
            int length = link.seal(frame, out);
            buffer.clear();
            buffer.put(out, 0, length).flip();
            try {
                channel.write(buffer);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        void drain(AtomicLong counter) {
            ByteBuffer in = ByteBuffer.allocateDirect(1500);
            try {
                while (channel.isOpen()) {
                    in.clear();
                    channel.read(in);
                    counter.incrementAndGet();
                }
            } catch (java.io.IOException e) {
                // closed at the end
            }
        }

        void close() {
            try {
                channel.close();
            } catch (java.io.IOException e) {
                // nothing to do
            }
        }
    }
}
