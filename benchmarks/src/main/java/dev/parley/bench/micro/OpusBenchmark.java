package dev.parley.bench.micro;

import dev.parley.bench.audio.SpeechClip;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.util.List;
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
 * Opus cost per 20 ms frame of real speech with the client's defaults (32 kbps, complexity 5, FEC
 * for 10% loss, DTX off). The encoder and decoder keep state across frames, as in a talk spurt, so
 * each invocation takes the next frame of the clip, cycling.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Long warm-up: Concentus is a lot of code for C2, and on a busy machine the compiler threads starve.
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OpusBenchmark {

    private List<short[]> pcm;
    private List<byte[]> packets;
    private VoiceEncoder encoder;
    private VoiceDecoder decoder;
    private final byte[] encoded = new byte[VoiceEncoder.MAX_PACKET_BYTES];
    private final short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
    private int nextEncode;
    private int nextDecode;

    @Setup
    public void setUp() {
        SpeechClip clip = SpeechClip.load();
        pcm = clip.voicedFrames();
        packets = clip.encodeVoiced();
        encoder = new VoiceEncoder(SpeechClip.SETTINGS);
        decoder = new VoiceDecoder();
    }

    @Benchmark
    public int encodeFrame() {
        short[] frame = pcm.get(nextEncode);
        nextEncode = (nextEncode + 1) % pcm.size();
        return encoder.encode(frame, encoded);
    }

    @Benchmark
    public int decodeFrame() {
        byte[] packet = packets.get(nextDecode);
        nextDecode = (nextDecode + 1) % packets.size();
        return decoder.decode(packet, decoded);
    }
}
