package dev.parley.client.core.audio.real;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.WavFileOutput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device-inclusive mouth-to-ear latency through a real sound server, read from one recording: two full
 * voice engines run through a real room ({@link TwoEnginesProgram}: Alice captures the virtual
 * microphone, Bob plays on the virtual speaker), and clicks are played into a combine sink that feeds
 * the microphone and the speaker at the same moment. The speaker's recording holds each click twice:
 * straight away, and again after the whole trip — capture buffer, encoding, UDP through the relay,
 * jitter buffer, mixer, playback cushion and the sound server's buffers. The distance is the figure.
 */
@Tag("benchmark")
@Timeout(300)
class DeviceLatencyBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceLatencyBenchmark.class);
    private static final int ROUNDS = 3;
    private static final int CLICKS = 8;

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void mouthToEarThroughTheSoundServer() throws Exception {
        measure("device-inclusive mouth-to-ear (two engines through a room)", TwoEnginesProgram.class, true);
    }

    /**
     * The same clicks through the devices alone ({@link DeviceLoopProgram}: capture handed straight to
     * playback, javax.sound output): the part of the figure above that the capture line, the playback cushion and the sound
     * server's buffers make. The rest is the software path (codec, network, jitter buffer).
     */
    @Test
    void devicePartOfMouthToEar() throws Exception {
        measure("device part (capture line -> playback loop, no network)", DeviceLoopProgram.class, false);
    }

    /** The device part with playback through PulseAudio's own API ({@code PulseOutput}, adaptive stream buffer). */
    @Test
    void devicePartWithPulseOutput() throws Exception {
        measure("device part, PulseAudio output", DeviceLoopProgram.class, false, "pulse");
    }

    private void measure(String what, Class<?> program, boolean room, String... extra) throws Exception {
        List<Double> all = new ArrayList<>();
        String loadBefore = loadAverage();
        for (int round = 0; round < ROUNDS; round++) {
            Path roundDir = dir.resolve(program.getSimpleName() + String.join("", extra) + round);
            java.nio.file.Files.createDirectories(roundDir);
            List<Double> trips = oneRound(roundDir, program, room, extra);
            LOG.warn("FIGURE {} round {}: trips {} ms", what, round, trips);
            all.addAll(trips);
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        // A click that does not come back recognisably (dropped or concealed by the jitter buffer) gives no
        // trip; how many came back is part of the figure.
        assertThat(sorted).as("no click came back at all (recordings kept in %s)", dir).isNotEmpty();
        LOG.warn("FIGURE {}: {} of {} clicks came back recognisably", what, sorted.length, CLICKS * ROUNDS);
        LOG.warn("FIGURE {}: median {} ms, p95 {} ms, range {}-{} ms over {} trips; load average {} before, {} after",
                what, String.format("%.1f", sorted[sorted.length / 2]),
                String.format("%.1f", sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.95 * sorted.length) - 1)]),
                String.format("%.1f", sorted[0]), String.format("%.1f", sorted[sorted.length - 1]), sorted.length,
                loadBefore, loadAverage());
    }

    private static String loadAverage() throws java.io.IOException {
        return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    private List<Double> oneRound(Path roundDir, Class<?> program, boolean room, String... extra) throws Exception {
        Path click = roundDir.resolve("click.wav");
        writeClick(click);
        try (PulseAudioServer pulse = PulseAudioServer.start(roundDir)) {
            Path wav = roundDir.resolve("speaker.wav");
            // -Dparley.bench.settleSeconds: how long the engines run before the clicks (default 1 s; longer to
            // measure where an adaptive output buffer settles rather than where it starts).
            long settle = Long.getLong("parley.bench.settleSeconds", 1);
            String seconds = String.valueOf(10 + settle);
            ChildJvm child = room
                    ? ChildJvm.start(pulse, roundDir.resolve("child.log"), program, seconds, roundDir.resolve("room").toString())
                    : ChildJvm.startWithOutput(extra.length == 0 ? "javasound" : null, pulse, roundDir.resolve("child.log"), program,
                            java.util.stream.Stream.concat(java.util.stream.Stream.of(seconds), java.util.Arrays.stream(extra))
                                    .toArray(String[]::new));
            await().atMost(Duration.ofSeconds(60)).until(() -> child.output().contains("READY"));
            pulse.prepareMicrophoneAndSpeaker();
            Process recorder = pulse.recordSpeaker(wav);
            // Let the engines' buffers settle as in a call already going on.
            await().pollDelay(Duration.ofSeconds(settle)).atMost(Duration.ofSeconds(settle + 1)).until(() -> true);
            Process player = pulse.playIntoMicrophoneAndSpeaker(click);
            assertThat(player.waitFor(15, TimeUnit.SECONDS)).isTrue();
            child.results(60);
            PulseAudioServer.stop(recorder);
            List<Double> trips = trips(Recording.read(wav));
            String keep = System.getProperty("parley.bench.logs");
            if (keep != null) {
                // Diagnostics: the child's log (PROBE lines: what each stage held) next to the trips.
                Path to = Path.of(keep, roundDir.getFileName() + "-child.log");
                java.nio.file.Files.createDirectories(to.getParent());
                java.nio.file.Files.writeString(to, "TRIPS " + trips + "\n" + child.output());
                java.nio.file.Files.copy(wav, to.resolveSibling(roundDir.getFileName() + "-speaker.wav"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return trips;
        }
    }

    /**
     * Onsets: the envelope (1 ms RMS) crossing a third of the click's peak after 10 ms of quiet (not 30: with
     * PulseAudio's simple API a click comes back 36-46 ms after it was played, 16-26 ms after it ended). The
     * quiet may end in a ramp (blocks between quiet and a third): a click that came back through Opus rises over
     * a millisecond or two, and requiring the quiet right before the crossing lost whole rounds of steady trips.
     */
    static List<Double> trips(short[] x) {
        return pair(onsets(x));
    }

    static List<Double> onsets(short[] x) {
        int block = 48;
        double[] env = new double[x.length / block];
        double peak = 0;
        for (int b = 0; b < env.length; b++) {
            double sum = 0;
            for (int i = 0; i < block; i++) {
                sum += (double) x[b * block + i] * x[b * block + i];
            }
            env[b] = Math.sqrt(sum / block);
            peak = Math.max(peak, env[b]);
        }
        List<Double> onsets = new ArrayList<>();
        int quiet = 0;
        boolean armed = false;
        for (int b = 0; b < env.length; b++) {
            if (env[b] > peak / 3) {
                if (armed) {
                    onsets.add(b * 1.0);
                }
                armed = false;
                quiet = 0;
            } else if (env[b] < peak / 20) {
                quiet++;
                armed |= quiet >= 10;
            } else {
                quiet = 0;
            }
        }
        return onsets;
    }

    /** Clicks are this far apart in the played file. */
    static final double PERIOD_MS = 800;
    /** How far a direct click may sit off the grid (the combine sink's rate adjustment, 1 ms blocks). */
    static final double ON_GRID_MS = 5;

    /**
     * Which onsets are the clicks as played and which came back, and the trips between them. The clicks as
     * played sit on an exact {@link #PERIOD_MS} grid; the ones that came back sit after them, by a trip that
     * may vary. So: the grid with the most onsets on it is the direct one — and when a second grid holds at
     * least half as many (trips steady), the earlier of each pair is. Each direct click then pairs with the first
     * off-grid onset within 700 ms after it.
     *
     * <p>Why not simply pair neighbours: when the first click as played was not heard (the combine sink was
     * still starting) but its return was, neighbour pairing took every return for a click and the next
     * click for its return, for the whole round: trips of 800 ms minus the real ones (592–693 ms for real
     * 107–208 ms, measured on a quiet machine, 2026-12-01).
     */
    static List<Double> pair(List<Double> onsets) {
        List<Double> trips = new ArrayList<>();
        if (onsets.isEmpty()) {
            return trips;
        }
        double best = Double.NaN;
        int bestHits = -1;
        double second = Double.NaN;
        int secondHits = -1;
        for (double candidate : onsets) {
            double phase = candidate % PERIOD_MS;
            int hits = hits(onsets, phase);
            if (hits > bestHits) {
                if (!Double.isNaN(best) && circular(best - phase) > 2 * ON_GRID_MS) {
                    second = best;
                    secondHits = bestHits;
                }
                best = phase;
                bestHits = hits;
            } else if (circular(best - phase) > 2 * ON_GRID_MS && hits > secondHits) {
                second = phase;
                secondHits = hits;
            }
        }
        double directPhase = best;
        // A second grid with at least half as many onsets is real too (steady returns; some clicks as played may
        // be too quiet to count), so which is which is decided by order, not by count.
        if (secondHits >= 2 && 2 * secondHits >= bestHits) {
            // Two regular grids: the direct one is the one the other follows by less than half a period.
            double after = ((second - best) % PERIOD_MS + PERIOD_MS) % PERIOD_MS;
            directPhase = after < PERIOD_MS / 2 ? best : second;
        }
        double direct = directPhase;
        double first = onsets.get(0);
        double last = onsets.get(onsets.size() - 1);
        double grid = direct + Math.floor((first - direct) / PERIOD_MS) * PERIOD_MS;
        for (; grid <= last; grid += PERIOD_MS) {
            double at = grid;
            Double played = onsets.stream().filter(o -> Math.abs(o - at) <= ON_GRID_MS).findFirst().orElse(null);
            double from = played != null ? played : at;
            onsets.stream().filter(o -> o > from + 2 * ON_GRID_MS && o < from + 700
                            && circular(o % PERIOD_MS - direct) > ON_GRID_MS)
                    .findFirst().ifPresent(back -> trips.add(back - from));
        }
        return trips;
    }

    private static int hits(List<Double> onsets, double phase) {
        int hits = 0;
        for (double onset : onsets) {
            if (circular(onset % PERIOD_MS - phase) <= ON_GRID_MS) {
                hits++;
            }
        }
        return hits;
    }

    /** Distance from 0 on a circle of one period. */
    private static double circular(double ms) {
        double m = ((ms % PERIOD_MS) + PERIOD_MS) % PERIOD_MS;
        return Math.min(m, PERIOD_MS - m);
    }

    /** {@link #CLICKS} clicks 800 ms apart, each a 20 ms burst of a 1 kHz tone at half scale. */
    private static void writeClick(Path file) throws Exception {
        short[] all = new short[48 * (800 * CLICKS + 500)];
        for (int click = 0; click < CLICKS; click++) {
            for (int i = 0; i < 48 * 20; i++) {
                all[48 * (200 + 800 * click) + i] = (short) (16_000 * Math.sin(2 * Math.PI * 1000 * i / 48_000.0));
            }
        }
        try (WavFileOutput out = WavFileOutput.create(file)) {
            for (int i = 0; i + PcmFormat.CHUNK_SAMPLES <= all.length; i += PcmFormat.CHUNK_SAMPLES) {
                out.write(Arrays.copyOfRange(all, i, i + PcmFormat.CHUNK_SAMPLES));
            }
        }
    }
}
