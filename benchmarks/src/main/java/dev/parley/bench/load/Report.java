package dev.parley.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians of the runs as Markdown tables, and the machine they ran on. Stateless. */
final class Report {

    private Report() {
    }

    static String machine() {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "machine: %s, %d cores, %.1f GiB RAM, JDK %s, load average %.2f (%s)",
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024.0 * 1024 * 1024),
                System.getProperty("java.runtime.version"), ProcessStats.loadAverage(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** Loss from sequence numbers over all rounds, e.g. " (by sequence: 0 of 1,500,000)"; empty when not counted. */
    private static String sequenceLoss(List<VoiceLoad.Result> rounds) {
        if (rounds.stream().anyMatch(r -> r.sequencesExpected() < 0)) {
            return "";
        }
        long lost = rounds.stream().mapToLong(VoiceLoad.Result::sequencesLost).sum();
        long expected = rounds.stream().mapToLong(VoiceLoad.Result::sequencesExpected).sum();
        long duplicates = rounds.stream().mapToLong(VoiceLoad.Result::duplicates).sum();
        return String.format(Locale.ROOT, " (by sequence: %,d of %,d lost%s)", lost, expected,
                duplicates > 0 ? String.format(Locale.ROOT, ", %,d duplicated", duplicates) : "");
    }

    static String voiceTable(List<LoadRunner.Voice> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| scenario | forwarder | clients / talkers | packets in/s | out/s (expected) | loss | delay p50 / p99 / max "
                + "| server CPU s per 100k out | ≈ max out/s on one core | RSS | threads | load tool CPU | load avg |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        Map<String, Map<String, List<VoiceLoad.Result>>> byScenario = new LinkedHashMap<>();
        Map<String, Map<String, List<Double>>> loads = new LinkedHashMap<>();
        for (LoadRunner.Voice run : runs) {
            String key = label(run);
            byScenario.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(run.result().target(), k -> new java.util.ArrayList<>()).add(run.result());
            loads.computeIfAbsent(key, k -> new LinkedHashMap<>())
                    .computeIfAbsent(run.result().target(), k -> new java.util.ArrayList<>()).add(run.loadAverage());
        }
        for (var scenario : byScenario.entrySet()) {
            Scenario shape = Scenario.named(scenario.getKey().split(" ")[0]);
            for (var target : scenario.getValue().entrySet()) {
                List<VoiceLoad.Result> r = target.getValue();
                double cpu = median(r, VoiceLoad.Result::cpuPer100k);
                out.append(String.format(Locale.ROOT,
                        "| %s | %s | %d / %d | %.0f | %.0f (%d) | %.2f%%%s | %.2f / %.2f / %.1f ms | %.3f | %s | %.0f MiB | %.0f | %.0f%% | %.1f |%n",
                        scenario.getKey(), target.getKey(), shape.clients(), shape.talkers(),
                        median(r, VoiceLoad.Result::packetsInPerSecond), median(r, VoiceLoad.Result::packetsOutPerSecond),
                        shape.expectedPacketsOutPerSecond(), median(r, VoiceLoad.Result::lossPercent), sequenceLoss(r),
                        median(r, x -> x.delay().percentileMillis(50)), median(r, x -> x.delay().percentileMillis(99)),
                        median(r, x -> x.delay().maxMillis()), cpu,
                        cpu > 0 ? String.format(Locale.ROOT, "%,.0f", 100_000 / cpu) : "n/a",
                        median(r, x -> x.serverRssKiB() / 1024.0), median(r, x -> (double) x.serverThreads()),
                        median(r, x -> 100 * x.toolCpuSeconds() / x.seconds()),
                        medianOf(loads.get(scenario.getKey()).get(target.getKey()))));
            }
            List<VoiceLoad.Result> parley = scenario.getValue().get("Parley relay");
            List<VoiceLoad.Result> bare = scenario.getValue().get("bare forwarder");
            if (parley != null && bare != null) {
                double parleyCpu = median(parley, VoiceLoad.Result::cpuPer100k);
                double bareCpu = median(bare, VoiceLoad.Result::cpuPer100k);
                out.append(String.format(Locale.ROOT,
                        "| %s | **Parley ÷ bare** | | | **%.2f** | | p99 %.1f× | CPU %.1f× | **%.0f%%** | %.1f× | | | |%n",
                        scenario.getKey(), median(parley, VoiceLoad.Result::packetsOutPerSecond)
                                / median(bare, VoiceLoad.Result::packetsOutPerSecond),
                        median(parley, x -> x.delay().percentileMillis(99)) / median(bare, x -> x.delay().percentileMillis(99)),
                        parleyCpu / bareCpu, 100 * bareCpu / parleyCpu,
                        median(parley, x -> x.serverRssKiB() / 1024.0) / median(bare, x -> x.serverRssKiB() / 1024.0)));
            }
        }
        return out.toString();
    }

    /** "lan-party" for a cold window, "lan-party (warm)" for a warm one. */
    private static String label(LoadRunner.Voice run) {
        return "warm".equals(run.result().phase()) ? run.scenario() + " (warm)" : run.scenario();
    }

    /**
     * Parley, Murmur and the bare forwarder side by side per scenario and phase: CPU per 100k
     * forwarded and p99 with their ranges over the rounds, memory and threads, then ratios.
     */
    static String sideBySide(List<LoadRunner.Voice> runs) {
        Map<String, Map<String, List<VoiceLoad.Result>>> groups = new LinkedHashMap<>();
        Map<String, List<Double>> loads = new LinkedHashMap<>();
        for (LoadRunner.Voice run : runs) {
            groups.computeIfAbsent(label(run), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(run.result().target(), k -> new java.util.ArrayList<>()).add(run.result());
            loads.computeIfAbsent(label(run) + "|" + run.result().target(), k -> new java.util.ArrayList<>())
                    .add(run.loadAverage());
        }
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("| scenario | system | CPU-s per 100k forwarded: median (range) | delay p50 / p99: median (p99 range) "
                + "| loss | server RSS | threads | warm-up before window | JIT compilations in window | rounds | load avg |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (var group : groups.entrySet()) {
            for (var target : group.getValue().entrySet()) {
                List<VoiceLoad.Result> r = target.getValue();
                out.append(String.format(Locale.ROOT,
                        "| %s | %s | %.3f (%.3f–%.3f) | %.2f / %.2f ms (%.2f–%.2f) | %.2f%% | %.0f MiB | %.0f | %.0f s | %s | %d | %.1f |%n",
                        group.getKey(), target.getKey(), median(r, VoiceLoad.Result::cpuPer100k),
                        min(r, VoiceLoad.Result::cpuPer100k), max(r, VoiceLoad.Result::cpuPer100k),
                        median(r, x -> x.delay().percentileMillis(50)), median(r, x -> x.delay().percentileMillis(99)),
                        min(r, x -> x.delay().percentileMillis(99)), max(r, x -> x.delay().percentileMillis(99)),
                        median(r, VoiceLoad.Result::lossPercent), median(r, x -> x.serverRssKiB() / 1024.0),
                        median(r, x -> (double) x.serverThreads()), median(r, VoiceLoad.Result::warmUpSeconds),
                        r.get(0).jitCompilations() < 0 ? "n/a (no JIT)"
                                : String.format(Locale.ROOT, "%.0f", median(r, x -> (double) x.jitCompilations())),
                        r.size(), medianOf(loads.get(group.getKey() + "|" + target.getKey()))));
            }
            ratio(out, group.getKey(), group.getValue(), "Parley relay", "Murmur", "Parley ÷ Murmur");
            ratio(out, group.getKey(), group.getValue(), "Parley relay", "bare forwarder", "Parley ÷ bare");
            ratio(out, group.getKey(), group.getValue(), "Murmur", "bare forwarder", "Murmur ÷ bare");
        }
        return out.toString();
    }

    private static void ratio(StringBuilder out, String group, Map<String, List<VoiceLoad.Result>> byTarget,
                              String top, String bottom, String label) {
        List<VoiceLoad.Result> a = byTarget.get(top);
        List<VoiceLoad.Result> b = byTarget.get(bottom);
        if (a == null || b == null) {
            return;
        }
        out.append(String.format(Locale.ROOT, "| %s | **%s** | **%.2f×** | p99 %.2f× | | RSS %.2f× | threads %.2f× | | | | |%n",
                group, label, median(a, VoiceLoad.Result::cpuPer100k) / median(b, VoiceLoad.Result::cpuPer100k),
                median(a, x -> x.delay().percentileMillis(99)) / median(b, x -> x.delay().percentileMillis(99)),
                median(a, x -> x.serverRssKiB() / 1024.0) / median(b, x -> x.serverRssKiB() / 1024.0),
                median(a, x -> (double) x.serverThreads()) / median(b, x -> (double) x.serverThreads())));
    }

    private static <T> double min(List<T> values, ToDoubleFunction<T> figure) {
        return values.stream().mapToDouble(figure).min().orElse(Double.NaN);
    }

    private static <T> double max(List<T> values, ToDoubleFunction<T> figure) {
        return values.stream().mapToDouble(figure).max().orElse(Double.NaN);
    }

    static String chatTable(List<LoadRunner.Chat> runs) {
        if (runs.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String phase : List.of("cold", "warm")) {
            List<LoadRunner.Chat> inPhase = runs.stream().filter(run -> run.result().phase().equals(phase)).toList();
            if (!inPhase.isEmpty()) {
                out.append(out.isEmpty() ? "" : "\n").append(chatTable(phase, inPhase));
            }
        }
        return out.toString();
    }

    private static String chatTable(String phase, List<LoadRunner.Chat> runs) {
        Map<String, List<ChatLoad.Result>> byTarget = new LinkedHashMap<>();
        Map<String, List<Double>> loads = new LinkedHashMap<>();
        for (LoadRunner.Chat run : runs) {
            byTarget.computeIfAbsent(run.result().target(), k -> new java.util.ArrayList<>()).add(run.result());
            loads.computeIfAbsent(run.result().target(), k -> new java.util.ArrayList<>()).add(run.loadAverage());
        }
        StringBuilder out = new StringBuilder();
        out.append("| server (" + phase + ") | K clients | paced delivery p50 / p99 | sustained msgs/s (deliveries/s) "
                + "| delivery p50 / p99 at that rate | server CPU ms per message | load tool CPU ms per message "
                + "| machine CPU busy | warm-up before | JIT compilations in burst | RSS | threads | load avg |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (var target : byTarget.entrySet()) {
            List<ChatLoad.Result> r = target.getValue();
            double jit = median(r, x -> (double) x.jitCompilations());
            out.append(String.format(Locale.ROOT,
                    "| %s | %d | %.2f / %.2f ms | %,.0f (%,.0f) | %.1f / %.1f ms | %.3f | %.3f | %.0f %% | %.0f s | %s | %.0f MiB "
                            + "| %.0f | %.1f |%n",
                    target.getKey(), r.get(0).clients(),
                    median(r, x -> x.pacedDelay().percentileMillis(50)), median(r, x -> x.pacedDelay().percentileMillis(99)),
                    median(r, ChatLoad.Result::messagesPerSecond), median(r, ChatLoad.Result::deliveriesPerSecond),
                    median(r, x -> x.burstDelay().percentileMillis(50)), median(r, x -> x.burstDelay().percentileMillis(99)),
                    median(r, ChatLoad.Result::cpuMillisPerMessage), median(r, ChatLoad.Result::toolCpuMillisPerMessage),
                    100 * median(r, ChatLoad.Result::machineBusy), median(r, ChatLoad.Result::warmUpSeconds),
                    jit < 0 ? "n/a (no JIT data)" : String.format(Locale.ROOT, "%.0f", jit),
                    median(r, x -> x.serverRssKiB() / 1024.0),
                    median(r, x -> (double) x.serverThreads()), medianOf(loads.get(target.getKey()))));
        }
        List<ChatLoad.Result> peer = byTarget.get("Node ws peer");
        if (peer != null) {
            double peerRate = median(peer, ChatLoad.Result::messagesPerSecond);
            double peerP99 = median(peer, x -> x.pacedDelay().percentileMillis(99));
            for (var target : byTarget.entrySet()) {
                if (target.getValue() != peer) {
                    List<ChatLoad.Result> r = target.getValue();
                    out.append(String.format(Locale.ROOT, "| **%s ÷ peer** | | p99 %.2f× | **%.2f×** | | | | | | | | | |%n",
                            target.getKey(), median(r, x -> x.pacedDelay().percentileMillis(99)) / peerP99,
                            median(r, ChatLoad.Result::messagesPerSecond) / peerRate));
                }
            }
        }
        return out.toString();
    }

    static <T> double median(List<T> values, ToDoubleFunction<T> figure) {
        return medianOf(values.stream().map(v -> figure.applyAsDouble(v)).toList());
    }

    static double medianOf(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
