package dev.parley.bench.micro;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
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
 * The control codec per message: decode a frame (JSON parse, type lookup, record construction, which
 * validates) and encode one back, for the two frames a chat message costs: the sender's
 * {@code chat.send} and the {@code chat.message} event every reader gets.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ControlCodecBenchmark {

    private static final String TEXT = "anyone up for another round? I'll host on the usual map in five minutes";

    private ControlCodec codec;
    private String chatSend;
    private String chatMessage;
    private Envelope posted;

    @Setup
    public void setUp() {
        codec = new ControlCodec();
        chatSend = codec.encode(Envelope.request("c42", new Chat.Send(1L, null, TEXT, "n-7f3a9c2e", null)));
        ChatMessage message = new ChatMessage(1234, 1_763_760_000_000L, 1L, null, 17, "ann", TEXT, null, null, false,
                "n-7f3a9c2e", List.of());
        posted = Envelope.event(new Chat.Posted(message));
        chatMessage = codec.encode(posted);
    }

    @Benchmark
    public String chatSendDecodeEncode() {
        return codec.encode(valid(codec.decode(chatSend)));
    }

    @Benchmark
    public String chatMessageDecodeEncode() {
        return codec.encode(valid(codec.decode(chatMessage)));
    }

    @Benchmark
    public Decoded chatSendDecode() {
        return codec.decode(chatSend);
    }

    /** What the server spends per broadcast (it encodes an event once for all its readers). */
    @Benchmark
    public String chatMessageEncode() {
        return codec.encode(posted);
    }

    private static Envelope valid(Decoded decoded) {
        if (decoded instanceof Decoded.Valid valid) {
            return valid.envelope();
        }
        throw new IllegalStateException("benchmark frame did not decode: " + decoded);
    }
}
