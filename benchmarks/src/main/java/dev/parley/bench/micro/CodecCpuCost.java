package dev.parley.bench.micro;

import dev.parley.bench.audio.SpeechClip;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Opus encode + decode cost as share of one core per active speaker, in thread CPU time rather than
 * wall time: on a shared, oversubscribed machine JMH's wall-clock average also counts the time the
 * thread waited for a core. {@code java -cp benchmarks.jar dev.parley.bench.micro.CodecCpuCost}.
 */
public final class CodecCpuCost {

    /** Passes over the clip before measuring; generous because a busy machine starves the JIT's compiler threads. */
    private static final int DEFAULT_WARM_UP_PASSES = 400;
    private static final int PASSES = 15;

    private CodecCpuCost() {
    }

    /** Optional argument: warm-up passes over the clip (default 400, about 50,000 frames). */
    public static void main(String[] args) {
        int warmUpPasses = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_WARM_UP_PASSES;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SpeechClip clip = SpeechClip.load();
        List<short[]> pcm = clip.voicedFrames();
        List<byte[]> packets = clip.encodeVoiced();
        VoiceEncoder encoder = new VoiceEncoder(SpeechClip.SETTINGS);
        VoiceDecoder decoder = new VoiceDecoder();
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
        double[] encodeMicros = new double[PASSES];
        double[] decodeMicros = new double[PASSES];
        for (int pass = -warmUpPasses; pass < PASSES; pass++) {
            long start = threads.getCurrentThreadCpuTime();
            for (short[] frame : pcm) {
                encoder.encode(frame, out);
            }
            long encoded = threads.getCurrentThreadCpuTime();
            for (byte[] packet : packets) {
                decoder.decode(packet, decoded);
            }
            long end = threads.getCurrentThreadCpuTime();
            if (pass >= 0) {
                encodeMicros[pass] = (encoded - start) / 1e3 / pcm.size();
                decodeMicros[pass] = (end - encoded) / 1e3 / packets.size();
            }
        }
        double encode = median(encodeMicros);
        double decode = median(decodeMicros);
        System.out.printf(Locale.ROOT, "Opus 20 ms frame, 32 kbps, complexity 5, FEC, speech (%d voiced frames x %d passes, "
                        + "thread CPU time, median): encode %.0f us, decode %.0f us; encode + decode = %.2f%% of one core "
                        + "per active speaker (a frame lasts 20,000 us)%n",
                pcm.size(), PASSES, encode, decode, (encode + decode) / 20_000 * 100);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
