package dev.parley.bench.micro;

import dev.parley.bench.audio.SpeechClip;
import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.jitter.JitterBuffer;
import dev.parley.client.core.voice.jitter.Playout;
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
 * One packet through the jitter buffer as the receive path does it: wrap the Opus packet in an
 * {@link EncodedFrame} (one copy), offer it on arrival, pull one playout decision per 20 ms slot.
 * Time is simulated: packets arrive every 20 ms with ±3 ms of jitter, so the buffer stays in its
 * steady playing state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class JitterBufferBenchmark {

    private static final long FRAME_NANOS = 20_000_000L;
    private static final long[] JITTER_NANOS = {0, 3_000_000, -2_000_000, 1_000_000, -3_000_000, 2_000_000};

    private List<byte[]> packets;
    private JitterBuffer buffer;
    private long sequence;

    @Setup
    public void setUp() {
        packets = SpeechClip.load().encodeVoiced();
        buffer = new JitterBuffer();
    }

    @Benchmark
    public Playout offerAndPull() {
        long slot = sequence * FRAME_NANOS;
        byte[] payload = packets.get((int) (sequence % packets.size()));
        EncodedFrame frame = new EncodedFrame(sequence, sequence * SpeechClip.FRAME_SAMPLES, false, payload);
        buffer.offer(frame, slot + 5_000_000L + JITTER_NANOS[(int) (sequence % JITTER_NANOS.length)]);
        sequence++;
        return buffer.pull(slot + 10_000_000L);
    }
}
