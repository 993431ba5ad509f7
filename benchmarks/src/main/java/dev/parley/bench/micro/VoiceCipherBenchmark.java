package dev.parley.bench.micro;

import dev.parley.bench.audio.SpeechClip;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceCipher;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceWire;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-128-GCM voice packet sealing and opening (JDK provider) for a typical 32 kbps speech frame
 * (~80-byte Opus payload), plus the relay's per-listener work: open the speaker's datagram once, seal
 * it for one listener.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class VoiceCipherBenchmark {

    private static final int SESSION = 7;

    private VoiceCipher speaker;
    private VoiceCipher relaySide;
    private AudioFrame frame;
    private byte[] upstream;
    private final byte[] out = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
    private long counter;

    @Setup
    public void setUp() {
        byte[] opus = SpeechClip.load().encodeVoiced().get(50);
        frame = new AudioFrame(SESSION, 1, 960, 0, opus);
        VoiceKey key = VoiceKey.random(new java.security.SecureRandom());
        speaker = new VoiceCipher(SESSION, key);
        relaySide = new VoiceCipher(SESSION, key);
        upstream = speaker.seal(VoiceDirection.CLIENT_TO_SERVER, 0, frame);
    }

    @Benchmark
    public int seal() {
        return speaker.seal(VoiceDirection.CLIENT_TO_SERVER, ++counter, frame, out);
    }

    @Benchmark
    public OpenResult open() {
        return relaySide.open(VoiceDirection.CLIENT_TO_SERVER, upstream);
    }

    @Benchmark
    public int openThenSealForOneListener() {
        OpenResult.Opened opened = (OpenResult.Opened) relaySide.open(VoiceDirection.CLIENT_TO_SERVER, upstream);
        return relaySide.seal(VoiceDirection.SERVER_TO_CLIENT, ++counter, opened.body(), out);
    }
}
