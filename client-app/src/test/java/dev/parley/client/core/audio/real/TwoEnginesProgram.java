package dev.parley.client.core.audio.real;

import static dev.parley.client.core.support.Clients.await;

import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.message.Channels;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: a real room (TLS control, UDP relay) and two full voice engines in one channel. Alice
 * speaks from the real default input (the virtual microphone); Bob plays on the real default output (the
 * virtual speaker). Alice's own speaker and Bob's microphone are null devices, so nothing else reaches
 * the sinks. Prints READY once both are on UDP. Args: seconds dataDir
 */
public final class TwoEnginesProgram {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        // -Dparley.bench.frameMillis=20 (or 40, 60): both engines with that Opus frame length instead of the default.
        int frameMillis = Integer.getInteger("parley.bench.frameMillis", dev.parley.client.core.voice.codec.OpusSettings.DEFAULT_FRAME_MILLIS);
        VoiceSettings listener = VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)
                .withProcessing(AudioProcessingSettings.allDisabled())
                .withOpus(dev.parley.client.core.voice.codec.OpusSettings.defaults().withFrameMillis(frameMillis));
        VoiceSettings speaker = listener.withTransmitMode(TransmitMode.ALWAYS_ON);
        JavaSoundDevices devices = new JavaSoundDevices();
        try (TestRoom room = TestRoom.start(Path.of(args[1]))) {
            ControlClient admin = Clients.registered(room.port(), "admin");
            long channel = await(admin.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                    .channel().id();
            ControlClient bobClient = guest(room, "bob", channel);
            ControlClient aliceClient = guest(room, "alice", channel);
            VoiceEngine bob = new VoiceEngine(bobClient, new NullAudioInput(), devices.openOutput(AudioDevices.DEFAULT),
                    listener);
            VoiceEngine alice = new VoiceEngine(aliceClient, new TimedInput(devices.openInput(AudioDevices.DEFAULT)), new NullAudioOutput(),
                    speaker);
            await(bob.start());
            await(alice.start());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(onUdp(bob) && onUdp(alice)) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000L);
            }
            System.out.println("READY");
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(Math.min(100_000_000L, end - System.nanoTime()));
                probe(started, alice, bob);
            }
            OutputHealth health = bob.outputHealth();
            System.out.println("RESULT underruns=" + health.underruns());
            System.out.println("RESULT reopens=" + health.reopens());
            System.out.println("RESULT speakers=" + bob.speakerStats());
            alice.close();
            bob.close();
            aliceClient.close();
            bobClient.close();
            admin.close();
        }
    }

    /** A line of what each stage holds now, for finding where a standing delay sits. */
    static void probe(long started, VoiceEngine alice, VoiceEngine bob) {
        StringBuilder line = new StringBuilder("PROBE t=").append((System.nanoTime() - started) / 1_000_000L);
        bob.speakerStats().forEach((id, s) -> line.append(" jb[target=").append(s.jitter().targetDelayMs())
                .append(" jitter=").append(String.format("%.1f", s.jitter().jitterMs()))
                .append(" buffered=").append(s.jitter().buffered()).append(" talking=").append(s.jitter().talking())
                .append(" accel=").append(String.format("%.0f", s.acceleratedMs()))
                .append(" stretched=").append(String.format("%.0f", s.stretchedMs()))
                .append(" overflow=").append(s.jitter().overflowDropped()).append(" late=").append(s.jitter().late())
                .append(" expanded=").append(s.expandedFrames()).append(" concealed=").append(s.concealedFrames())
                .append(" decoded=").append(s.decodedFrames()).append(']'));
        line.append(" out[").append(bob.outputHealth()).append(']');
        line.append(" in[").append(alice.inputHealth()).append(' ').append(TimedInput.window()).append(']');
        if (System.getenv("PARLEY_PROBE_PACTL") != null && (System.nanoTime() - started) / 100_000_000L % 5 == 0) {
            for (String kind : new String[] {"source-outputs", "sink-inputs"}) {
                try {
                    Process p = new ProcessBuilder("pactl", "list", kind).redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                    p.waitFor();
                    out.lines().filter(l -> l.contains("Latency") || l.contains("application.name =")
                            || l.contains("Buffer Latency") || l.contains("Sink Latency") || l.contains("Source Latency"))
                            .forEach(l -> line.append(" | ").append(kind).append(':').append(l.trim()));
                } catch (java.io.IOException | InterruptedException e) {
                    line.append(" pactl failed ").append(e);
                }
            }
        }
        System.out.println(line);
    }

    /**
     * Diagnostics: when each chunk left the microphone, as the lead of the wall clock over the audio read
     * (now minus chunks x 10 ms): constant while capture keeps pace, it grows by any stall and falls by any burst.
     */
    static final class TimedInput implements dev.parley.client.core.audio.AudioInput {
        private static volatile long minLead = Long.MAX_VALUE;
        private static volatile long maxLead = Long.MIN_VALUE;
        private static volatile long firstLead = Long.MIN_VALUE;
        private final dev.parley.client.core.audio.AudioInput in;
        private long chunks;
        private long zero;

        TimedInput(dev.parley.client.core.audio.AudioInput in) {
            this.in = in;
        }

        static String window() {
            String text = "lead " + (minLead == Long.MAX_VALUE ? "-" : (minLead - firstLead) / 1_000_000L + ".."
                    + (maxLead - firstLead) / 1_000_000L) + " ms";
            minLead = Long.MAX_VALUE;
            maxLead = Long.MIN_VALUE;
            return text;
        }

        @Override
        public void start() {
            in.start();
        }

        @Override
        public boolean read(short[] chunk) {
            boolean ok = in.read(chunk);
            long now = System.nanoTime();
            if (chunks == 0) {
                zero = now;
            }
            long lead = now - zero - chunks++ * 10_000_000L;
            if (firstLead == Long.MIN_VALUE) {
                firstLead = lead;
            }
            minLead = Math.min(minLead, lead);
            maxLead = Math.max(maxLead, lead);
            return ok;
        }

        @Override
        public dev.parley.client.core.audio.InputHealth health() {
            return in.health();
        }

        @Override
        public String description() {
            return in.description();
        }

        @Override
        public void close() {
            in.close();
        }
    }

    private static boolean onUdp(VoiceEngine engine) {
        return engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP;
    }

    private static ControlClient guest(TestRoom room, String name, long channel) throws Exception {
        ControlClient client = Clients.client(room.port());
        Clients.signIn(client, new Credentials.Guest(name, null));
        await(client.requestOk(new Channels.Join(channel, null)));
        return client;
    }
}
