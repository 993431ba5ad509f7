package dev.parley.bench.load;

import dev.parley.bench.audio.SpeechClip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoadPlan}: per round, each voice scenario against Parley's relay, Murmur (when the
 * plan has it) and the bare forwarder (order rotating between rounds), then the chat load against Parley with its
 * H2 database on disk, Parley on PostgreSQL (on disk, fsync on), Parley with H2 in RAM, and the Node peer.
 * Every server gets a fresh process and every Parley run a fresh database.
 * Single-threaded; the loads start their own threads.
 */
public final class LoadRunner {

    private static final Logger log = LoggerFactory.getLogger(LoadRunner.class);

    /** Everything measured, in the order it ran, with the load average when each began. */
    public record Results(List<Voice> voice, List<Chat> chat) {
    }

    public record Voice(String scenario, int round, double loadAverage, VoiceLoad.Result result) {
    }

    public record Chat(int round, double loadAverage, ChatLoad.Result result) {
    }

    private final LoadPlan plan;
    private final Consumer<String> progress;
    private int runNumber;

    public LoadRunner(LoadPlan plan, Consumer<String> progress) {
        this.plan = plan;
        this.progress = progress;
    }

    public Results run() throws InterruptedException {
        List<byte[]> packets = SpeechClip.load().encodeVoiced();
        List<Voice> voice = new ArrayList<>();
        List<Chat> chat = new ArrayList<>();
        try (BenchPostgres postgres = plan.chat() != null && plan.postgres() ? BenchPostgres.start() : null) {
            run(packets, voice, chat, postgres);
        }
        return new Results(voice, chat);
    }

    private void run(List<byte[]> packets, List<Voice> voice, List<Chat> chat, BenchPostgres postgres) throws InterruptedException {
        for (int round = 1; round <= plan.rounds(); round++) {
            for (Scenario scenario : plan.scenarios()) {
                // Interleaved: each round starts with a different system, so drift in the machine's load
                // does not always favour the same one.
                List<String> systems = new ArrayList<>(List.of("parley", "murmur", "bare"));
                java.util.Collections.rotate(systems, -(round - 1));
                for (String system : systems) {
                    if (system.equals("parley")
                            || system.equals("bare") && plan.forwarder()
                            || system.equals("murmur") && plan.murmurd() != null) {
                        voice.addAll(voiceRun(scenario, round, system, packets));
                    }
                }
            }
            if (plan.chat() != null) {
                Path disk = freshDir(plan.dataDir());
                chat.addAll(chatRun(round, ChatTarget.parley("Parley, H2 on disk", plan.jvmOptions(), disk)));
                delete(disk);
                if (postgres != null) {
                    Path folder = freshDir(plan.dataDir());
                    String database = postgres.freshDatabase();
                    chat.addAll(chatRun(round, ChatTarget.parleyOnPostgres("Parley, PostgreSQL", plan.jvmOptions(), folder, database)));
                    postgres.drop(database);
                    delete(folder);
                }
                if (plan.tmpfsDir() != null) {
                    Path ram = freshDir(plan.tmpfsDir());
                    chat.addAll(chatRun(round, ChatTarget.parley("Parley, H2 in tmpfs", plan.jvmOptions(), ram)));
                    delete(ram);
                }
                if (plan.peerDir() != null) {
                    chat.addAll(chatRun(round, ChatTarget.nodePeer(plan.peerDir())));
                }
            }
        }
    }

    private List<Voice> voiceRun(Scenario scenario, int round, String system, List<byte[]> packets) {
        double load = ProcessStats.loadAverage();
        long began = System.nanoTime();
        Path data = freshDir(plan.dataDir());
        try (VoiceTarget target = switch (system) {
            case "parley" -> new ParleyVoiceTarget(plan.jvmOptions(), data);
            case "murmur" -> new MurmurVoiceTarget(plan.murmurd());
            default -> new BareVoiceTarget(plan.jvmOptions());
        }) {
            List<Voice> runs = new ArrayList<>();
            for (VoiceLoad.Result result : new VoiceLoad(target, scenario, packets, plan.decryptEvery())
                    .run(plan.warmUp(), plan.measured(), plan.warm())) {
                progress.accept(String.format("round %d %-10s %-15s %s (after %.0f s, JIT compiled %s) in %7.0f/s "
                                + "out %8.0f/s loss %5.2f%% (by sequence: %s) delay p50 %.2f p99 %.2f max %.1f ms cpu %.3f s/100k rss %d MiB "
                                + "threads %d, load tool cpu %.0f%% (load %.1f)",
                        round, scenario.name(), result.target(), result.phase(), result.warmUpSeconds(),
                        result.jitCompilations() < 0 ? "n/a" : Long.toString(result.jitCompilations()),
                        result.packetsInPerSecond(), result.packetsOutPerSecond(),
                        result.lossPercent(), result.sequenceLoss(), result.delay().percentileMillis(50), result.delay().percentileMillis(99),
                        result.delay().maxMillis(), result.cpuPer100k(), result.serverRssKiB() / 1024,
                        result.serverThreads(), 100 * result.toolCpuSeconds() / result.seconds(), load));
                runs.add(new Voice(scenario.name(), round, load, result));
            }
            return runs;
        } finally {
            delete(data);
            progress.accept(String.format("round %d %-10s %s: start, traffic and stop took %.1f s", round,
                    scenario.name(), system, (System.nanoTime() - began) / 1e9));
        }
    }

    private List<Chat> chatRun(int round, ChatTarget target) throws InterruptedException {
        double load = ProcessStats.loadAverage();
        try (target) {
            List<Chat> runs = new ArrayList<>();
            for (ChatLoad.Result result : new ChatLoad(target, plan.chat()).run()) {
                progress.accept(String.format("round %d chat %-22s %s (after %.0f s, JIT compiled %s): paced p50 %.2f "
                                + "p99 %.2f ms; burst %.0f msg/s (%.0f deliveries/s) p50 %.1f p99 %.1f ms cpu %.3f ms/msg "
                                + "(tool %.3f, machine %.0f %% busy) rss %d MiB (load %.1f)",
                        round, result.target(), result.phase(), result.warmUpSeconds(),
                        result.jitCompilations() < 0 ? "n/a" : Long.toString(result.jitCompilations()),
                        result.pacedDelay().percentileMillis(50), result.pacedDelay().percentileMillis(99),
                        result.messagesPerSecond(), result.deliveriesPerSecond(),
                        result.burstDelay().percentileMillis(50), result.burstDelay().percentileMillis(99),
                        result.cpuMillisPerMessage(), result.toolCpuMillisPerMessage(), 100 * result.machineBusy(),
                        result.serverRssKiB() / 1024, load));
                runs.add(new Chat(round, load, result));
            }
            return runs;
        }
    }

    private Path freshDir(Path parent) {
        try {
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, "run" + (++runNumber) + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }
}
