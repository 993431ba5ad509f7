package dev.parley.bench.room;

import dev.parley.bench.load.BenchServerMain;
import dev.parley.bench.load.ChildProcess;
import dev.parley.bench.load.ProcessStats;
import dev.parley.bench.load.RoomJvmOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How big a room gets on this machine, with real connections:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.parley.bench.room.RoomSizeMain}. Starts a room
 * ({@link BenchServerMain}, plain {@code ws://}) in its own JVM, measures its idle memory and threads,
 * signs guests in through one {@link Crowd} (one client thread for all of them) up to
 * {@code --memory-at} (memory per connection), then up to {@code --users}, and measures the last
 * user's sign-in, its presence fan-out, and leave and join storms. Prints one line per round and the
 * medians as a Markdown table (docs/BENCHMARKS.md, "Room size and server weight").
 */
@Command(name = "parley-room-size", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Room size, sign-in time, presence storms and server memory with real connections.")
public final class RoomSizeMain implements Callable<Integer> {

    /** The command's own output (what the tool prints is its result, not a log). */
    @Spec
    CommandSpec spec;

    @Option(names = "--users", description = "Online users to reach. Default: ${DEFAULT-VALUE}.")
    int users = 10_000;

    @Option(names = "--memory-at", paramLabel = "N",
            description = "Measure the room's memory with this many idle users online. Default: ${DEFAULT-VALUE}.")
    int memoryAt = 2_000;

    @Option(names = "--storm", paramLabel = "N",
            description = "Users who leave at once, then join at once, in the full room. Default: ${DEFAULT-VALUE}.")
    int storm = 1_000;

    @Option(names = "--last-joins", paramLabel = "N",
            description = "Times the last user signs out and in again (median reported). Default: ${DEFAULT-VALUE}.")
    int lastJoins = 5;

    @Option(names = "--rounds", description = "Fresh rooms; medians are reported. Default: ${DEFAULT-VALUE}.")
    int rounds = 3;

    @Option(names = "--in-flight", description = "Sign-ins in flight while filling the room. Default: ${DEFAULT-VALUE}.")
    int inFlight = 64;

    @Option(names = "--settle", paramLabel = "SECONDS",
            description = "Wait before reading memory (idle room, and after filling). Default: ${DEFAULT-VALUE}.")
    int settleSeconds = 5;

    @Option(names = "--sources", paramLabel = "N",
            description = "Connect from 127.0.0.1 … 127.0.0.N (ephemeral ports are per address). Default: ${DEFAULT-VALUE}.")
    int sources = 1;

    @Option(names = "--server-jvm", split = " ", description = "Options for the room's JVM. Default: ${DEFAULT-VALUE}.")
    List<String> jvmOptions = RoomJvmOptions.LAUNCHER;

    @Option(names = "--server-classpath", paramLabel = "PATH",
            description = "Class path for the room's JVM, e.g. an older benchmarks.jar for a before/after. Default: this one's.")
    String serverClasspath;

    @Option(names = "--data", description = "Folder for the rooms' databases. Default: a temporary folder.")
    Path dataDir;

    /** One round's figures; times in milliseconds, memory in KiB. */
    public record Round(long idleRssKiB, long idleThreads, long memoryAtRssKiB, long memoryAtThreads,
                        double fillToMemoryAtMs, double fillMs, double fillCpuSeconds, long fullRssKiB, long fullThreads,
                        double lastSignInMs, double lastFanOutMs, double leaveStormMs, long leaveStateFrames,
                        double leaveCpuSeconds, double joinStormSignedInMs, double joinStormMs, long joinStateFrames,
                        double joinCpuSeconds, int failures,
                        double loadBefore, double loadAfter) {

        double perConnectionKiB(int count) {
            return (memoryAtRssKiB - idleRssKiB) / (double) count;
        }
    }

    /** What to run; {@link #run} is also what the CI smoke test calls. */
    public record Plan(int users, int memoryAt, int storm, int lastJoins, int inFlight, int settleSeconds,
                       int sources, List<String> jvmOptions, String serverClasspath, Path dataDir) {
        public Plan {
            if (memoryAt > users || storm >= users || users < 2 || lastJoins < 1) {
                throw new IllegalArgumentException("need 2 <= users, memory-at <= users, storm < users, last-joins >= 1");
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        Plan plan = new Plan(users, memoryAt, storm, lastJoins, inFlight, settleSeconds, sources, jvmOptions,
                serverClasspath != null ? serverClasspath : System.getProperty("java.class.path"), dataDir != null ? dataDir : Files.createTempDirectory("parley-room-size"));
        out.println(machine());
        List<Round> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Round r = run(plan, plan.dataDir().resolve("round-" + round), out::println);
            results.add(r);
            out.println("round " + round + ": " + r);
        }
        out.println();
        out.println(table(plan, results));
        out.println(machine());
        return 0;
    }

    /** One fresh room, filled and stormed. {@code progress} gets a line per step. */
    public static Round run(Plan plan, Path data, Consumer<String> progress) throws Exception {
        Files.createDirectories(data);
        double loadBefore = ProcessStats.loadAverage();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(plan.jvmOptions());
        command.addAll(List.of("-cp", plan.serverClasspath(), BenchServerMain.class.getName(), data.toString()));
        try (ChildProcess room = ChildProcess.start("parley", command, null)) {
            List<InetAddress> from = new ArrayList<>();
            for (int i = 1; i <= plan.sources(); i++) {
                from.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) i}));
            }
            try (Crowd crowd = new Crowd(new InetSocketAddress("127.0.0.1", room.readyInt(0)), from)) {
                TimeUnit.SECONDS.sleep(plan.settleSeconds());
                long idleRss = room.residentKiB();
                long idleThreads = room.threads();
                progress.accept(String.format(Locale.ROOT, "idle: %,d KiB, %d threads", idleRss, idleThreads));

                List<Crowd.Member> members = new ArrayList<>();
                double fillCpuStart = room.cpuSeconds();
                long fillStart = System.nanoTime();
                Progress every = new Progress(room, crowd, fillStart, fillCpuStart, progress);
                fill(crowd, members, plan.memoryAt(), plan.inFlight(), "u", every);
                double toMemoryAt = millisSince(fillStart);
                awaitQuiet(crowd);
                TimeUnit.SECONDS.sleep(plan.settleSeconds());
                long atRss = room.residentKiB();
                long atThreads = room.threads();
                progress.accept(String.format(Locale.ROOT, "%,d online after %.0f ms: %,d KiB, %d threads",
                        members.size(), toMemoryAt, atRss, atThreads));

                fill(crowd, members, plan.users() - 1, plan.inFlight(), "u", every);
                double fillMs = millisSince(fillStart);
                awaitQuiet(crowd);
                double fillCpu = room.cpuSeconds() - fillCpuStart;
                progress.accept(String.format(Locale.ROOT, "%,d online after %.0f ms", members.size(), fillMs));

                // The last user, several times: sign-in (connect to auth.ok) and until everyone heard of it.
                List<Double> signIns = new ArrayList<>();
                List<Double> fanOuts = new ArrayList<>();
                for (int i = 0; i < plan.lastJoins(); i++) {
                    long start = System.nanoTime();
                    long states = crowd.userStates();
                    Crowd.Joined last = crowd.join("last" + i).get(60, TimeUnit.SECONDS);
                    signIns.add(last.signedInNanos() / 1e6);
                    // Everyone else hears of it (the joiner itself gets auth.ok, not its own user.state).
                    fanOuts.add((awaitQuiet(crowd, states + members.size()) - start) / 1e6);
                    if (i < plan.lastJoins() - 1) {
                        states = crowd.userStates();
                        crowd.leave(last.member());
                        awaitQuiet(crowd, states + members.size());
                    } else {
                        members.add(last.member());
                    }
                }
                double lastSignIn = median(signIns);
                double lastFanOut = median(fanOuts);
                progress.accept(String.format(Locale.ROOT, "user %,d: signed in in %s ms, everyone told within %s ms",
                        members.size(), signIns, fanOuts));

                // Leave storm: the last `storm` users close at once.
                long statesBefore = crowd.userStates();
                long leaveStart = System.nanoTime();
                List<Crowd.Member> leaving = new ArrayList<>(members.subList(members.size() - plan.storm(), members.size()));
                members.subList(members.size() - plan.storm(), members.size()).clear();
                double cpuBefore = room.cpuSeconds();
                leaving.forEach(crowd::leave);
                // Each leaver's "offline" reaches at least everyone who stays.
                double leaveMs = (awaitQuiet(crowd, statesBefore + (long) plan.storm() * members.size()) - leaveStart) / 1e6;
                double leaveCpu = room.cpuSeconds() - cpuBefore;
                long leaveFrames = crowd.userStates() - statesBefore;
                progress.accept(String.format(Locale.ROOT, "%,d left at once: quiet after %.0f ms, %,d user.state frames",
                        plan.storm(), leaveMs, leaveFrames));

                // Join storm: as many join at once (all their sign-ins in flight together).
                statesBefore = crowd.userStates();
                long joinStart = System.nanoTime();
                List<CompletableFuture<Crowd.Joined>> joins = new ArrayList<>();
                for (int i = 0; i < plan.storm(); i++) {
                    joins.add(crowd.join("s" + i));
                }
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
                double joinSignedIn = millisSince(joinStart);
                // Each joiner's state reaches at least everyone who was already there.
                double joinMs = (awaitQuiet(crowd, statesBefore + (long) plan.storm() * members.size()) - joinStart) / 1e6;
                double joinCpu = room.cpuSeconds() - cpuBefore - leaveCpu;
                long joinFrames = crowd.userStates() - statesBefore;
                joins.forEach(j -> members.add(j.join().member()));
                progress.accept(String.format(Locale.ROOT,
                        "%,d joined at once: all signed in after %.0f ms, quiet after %.0f ms, %,d user.state frames",
                        plan.storm(), joinSignedIn, joinMs, joinFrames));
                TimeUnit.SECONDS.sleep(plan.settleSeconds());
                long fullRss = room.residentKiB();
                long fullThreads = room.threads();
                progress.accept(String.format(Locale.ROOT, "%,d online: %,d KiB, %d threads; %d failures",
                        crowd.online(), fullRss, fullThreads, crowd.failures()));
                if (crowd.online() != plan.users()) {
                    throw new IllegalStateException("expected " + plan.users() + " online, the crowd has " + crowd.online()
                            + " (" + crowd.failures() + " failures)");
                }
                return new Round(idleRss, idleThreads, atRss, atThreads, toMemoryAt, fillMs, fillCpu, fullRss, fullThreads,
                        lastSignIn, lastFanOut, leaveMs, leaveFrames, leaveCpu, joinSignedIn, joinMs, joinFrames, joinCpu,
                        crowd.failures(), loadBefore, ProcessStats.loadAverage());
            }
        }
    }

    /** Signs guests in until {@code members} holds {@code target}, {@code inFlight} at a time. */
    private static void fill(Crowd crowd, List<Crowd.Member> members, int target, int inFlight, String prefix,
                             Progress every) throws Exception {
        Semaphore window = new Semaphore(inFlight);
        List<CompletableFuture<Crowd.Joined>> joins = new ArrayList<>();
        for (int i = members.size(); i < target; i++) {
            window.acquire();
            if (i % 1000 == 0 && i > 0) {
                every.line(i);
            }
            CompletableFuture<Crowd.Joined> join = crowd.join(prefix + i);
            join.whenComplete((ok, error) -> window.release());
            joins.add(join);
        }
        for (CompletableFuture<Crowd.Joined> join : joins) {
            members.add(join.get(10, TimeUnit.MINUTES).member());
        }
    }

    /**
     * Waits until no member has received a frame for 500 ms (the room has told everyone everything)
     * and returns the {@link System#nanoTime()} of the last frame.
     */
    private static long awaitQuiet(Crowd crowd) throws InterruptedException {
        return awaitQuiet(crowd, 0);
    }

    /**
     * Waits until the members have received at least {@code states} {@code user.state} events in all,
     * then until no member has received a frame for 500 ms; returns the {@link System#nanoTime()} of
     * the last frame.
     */
    private static long awaitQuiet(Crowd crowd, long states) throws InterruptedException {
        long quietNanos = TimeUnit.MILLISECONDS.toNanos(500);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (crowd.userStates() < states) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + crowd.userStates() + " of " + states + " user.state events came");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        TimeUnit.MILLISECONDS.sleep(50);
        while (System.nanoTime() - crowd.lastFrameNanos() < quietNanos) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return crowd.lastFrameNanos();
    }

    /**
     * A line every 1,000 sign-ins while filling, so a fill that does not finish still says how far it
     * got and what the room weighed on the way (its open descriptors are its connections plus ~15).
     */
    private record Progress(ChildProcess room, Crowd crowd, long startNanos, double cpuStart, Consumer<String> out) {
        void line(int signIns) {
            long fds = -1;
            try (var list = Files.list(Path.of("/proc", Long.toString(room.pid()), "fd"))) {
                fds = list.count();
            } catch (java.io.IOException | RuntimeException e) {
                // Not Linux, or the room is gone: the line says -1.
            }
            out.accept(String.format(Locale.ROOT,
                    "  %,d sign-ins started, %,d online after %.0f s: room CPU %.1f s, RSS %,d KiB, %d threads, %d fds, "
                            + "%,d frames read (load %.1f)", signIns, crowd.online(), millisSince(startNanos) / 1000,
                    room.cpuSeconds() - cpuStart, room.residentKiB(), room.threads(), fds, crowd.frames(),
                    ProcessStats.loadAverage()));
        }
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String range(List<Round> rounds, java.util.function.ToDoubleFunction<Round> figure, String format) {
        List<Double> values = rounds.stream().map(figure::applyAsDouble).toList();
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median(values), min, max);
    }

    /** Medians (ranges) over the rounds as a Markdown table. */
    public static String table(Plan plan, List<Round> rounds) {
        StringBuilder out = new StringBuilder();
        out.append("| figure | median (range) over ").append(rounds.size()).append(" rounds |\n| --- | --- |\n");
        row(out, "room JVM options", String.join(" ", plan.jvmOptions()));
        row(out, "idle RSS", range(rounds, r -> r.idleRssKiB() / 1024.0, "%.1f") + " MiB");
        row(out, "idle threads", range(rounds, Round::idleThreads, "%.0f"));
        row(out, String.format(Locale.ROOT, "RSS with %,d idle users online", plan.memoryAt()),
                range(rounds, r -> r.memoryAtRssKiB() / 1024.0, "%.1f") + " MiB");
        row(out, String.format(Locale.ROOT, "RSS growth per connection, 0 → %,d", plan.memoryAt()),
                range(rounds, r -> r.perConnectionKiB(plan.memoryAt()), "%.1f") + " KiB");
        row(out, String.format(Locale.ROOT, "threads with %,d online", plan.memoryAt()), range(rounds, Round::memoryAtThreads, "%.0f"));
        row(out, String.format(Locale.ROOT, "filling to %,d (%d sign-ins in flight)", plan.memoryAt(), plan.inFlight()),
                range(rounds, r -> r.fillToMemoryAtMs() / 1000, "%.1f") + " s");
        row(out, String.format(Locale.ROOT, "filling to %,d", plan.users() - 1), range(rounds, r -> r.fillMs() / 1000, "%.1f")
                + " s, room CPU " + range(rounds, Round::fillCpuSeconds, "%.1f") + " s");
        row(out, String.format(Locale.ROOT, "sign-in of user %,d (connect → auth.ok; median of %d)", plan.users(), plan.lastJoins()),
                range(rounds, Round::lastSignInMs, "%.1f") + " ms");
        row(out, String.format(Locale.ROOT, "… until all %,d others had its presence", plan.users() - 1),
                range(rounds, Round::lastFanOutMs, "%.1f") + " ms");
        row(out, String.format(Locale.ROOT, "leave storm: %,d leave at once, until everyone was told", plan.storm()),
                range(rounds, Round::leaveStormMs, "%.0f") + " ms, " + range(rounds, Round::leaveStateFrames, "%.0f")
                        + " user.state frames, room CPU " + range(rounds, Round::leaveCpuSeconds, "%.2f") + " s");
        row(out, String.format(Locale.ROOT, "join storm: %,d join at once, all signed in", plan.storm()),
                range(rounds, Round::joinStormSignedInMs, "%.0f") + " ms");
        row(out, "… until everyone was told", range(rounds, Round::joinStormMs, "%.0f") + " ms, "
                + range(rounds, Round::joinStateFrames, "%.0f") + " user.state frames, room CPU "
                + range(rounds, Round::joinCpuSeconds, "%.2f") + " s");
        row(out, String.format(Locale.ROOT, "RSS, threads with %,d online", plan.users()),
                range(rounds, r -> r.fullRssKiB() / 1024.0, "%.1f") + " MiB, " + range(rounds, Round::fullThreads, "%.0f"));
        row(out, "connections lost", range(rounds, Round::failures, "%.0f"));
        row(out, "load average (1 min) before / after", range(rounds, Round::loadBefore, "%.1f") + " / "
                + range(rounds, Round::loadAfter, "%.1f"));
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String machine() {
        return String.format(Locale.ROOT, "machine: %d cores, JDK %s, load average %.2f",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), ProcessStats.loadAverage());
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new RoomSizeMain()).execute(args));
    }
}
