package dev.parley.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The load tool: {@code java -cp benchmarks/target/benchmarks.jar dev.parley.bench.load.LoadMain}.
 * Prints each run as it finishes, then the medians as Markdown tables (docs/BENCHMARKS.md).
 */
@Command(name = "parley-load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Voice relay and chat load against Parley, side by side with Murmur, a bare UDP forwarder and a Node ws peer.")
public final class LoadMain implements Callable<Integer> {

    /** The command's own output (what the tool prints is its result, not a log). */
    @Spec
    CommandSpec spec;

    @Option(names = "--scenarios", split = ",", paramLabel = "NAME",
            description = "Voice scenarios: lan-party, community, flood, wide (500 talkers in 250 channels), smoke. Default: ${DEFAULT-VALUE}.")
    List<String> scenarios = List.of("lan-party", "community", "flood");

    @Option(names = "--rounds", description = "Repeat everything this often; medians are reported. Default: ${DEFAULT-VALUE}.")
    int rounds = 3;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Voice warm-up. Default: ${DEFAULT-VALUE}.")
    int warmUpSeconds = 5;

    @Option(names = "--seconds", description = "Voice traffic measured per run. Default: ${DEFAULT-VALUE}.")
    int seconds = 10;

    @Option(names = "--decrypt-every", paramLabel = "N",
            description = "Listeners open and time every Nth audio datagram and only count the rest, so the load "
                    + "tool's own decryption is not the limit. Default: ${DEFAULT-VALUE} (all).")
    int decryptEvery = 1;

    @Option(names = "--no-forwarder", description = "Skip the bare UDP forwarder.")
    boolean noForwarder;

    @Option(names = "--warm", paramLabel = "MIN,QUIET,MAX", split = ",",
            description = "Also measure each voice and chat run warm, in the same process: after at least MIN s of traffic, "
                    + "once the server's JIT compiled nothing for QUIET s (read from its hsperfdata), at most MAX s. "
                    + "'0' measures cold only. Default: ${DEFAULT-VALUE}.")
    List<Integer> warm = List.of(30, 5, 120);

    @Option(names = "--no-murmur", description = "Skip Murmur (Mumble's server; run when murmurd is installed).")
    boolean noMurmur;

    @Option(names = "--no-voice", description = "Skip voice.")
    boolean noVoice;

    @Option(names = "--no-chat", description = "Skip chat.")
    boolean noChat;

    @Option(names = "--no-peer", description = "Skip the Node ws peer.")
    boolean noPeer;

    @Option(names = "--no-postgres",
            description = "Skip the chat run of a room on PostgreSQL (otherwise the tool starts its own PostgreSQL, "
                    + "binaries from Maven, fsync on, cluster in the temp folder).")
    boolean noPostgres;

    @Option(names = "--chat-clients", description = "K: chat clients, all in one room. Default: ${DEFAULT-VALUE}.")
    int chatClients = 100;

    @Option(names = "--chat-senders", description = "How many of them send. Default: ${DEFAULT-VALUE}.")
    int chatSenders = 4;

    @Option(names = "--chat-window", description = "Messages in flight per sender in the throughput phase. Default: ${DEFAULT-VALUE}.")
    int chatWindow = 16;

    @Option(names = "--chat-paced", description = "Messages in the delivery-delay phase. Default: ${DEFAULT-VALUE}.")
    int chatPaced = 500;

    @Option(names = "--chat-rate", description = "Their rate, messages/s. Default: ${DEFAULT-VALUE}.")
    int chatRate = 50;

    @Option(names = "--chat-burst", description = "Messages in the throughput phase. Default: ${DEFAULT-VALUE}.")
    int chatBurst = 5000;

    @Option(names = "--peer-dir", description = "The Node peer's folder (npm ci run there). Default: benchmarks/node-peer.")
    Path peerDir;

    @Option(names = "--data", description = "Folder for Parley's databases. Default: a temporary folder.")
    Path dataDir;

    @Option(names = "--tmpfs", description = "RAM-backed folder for the extra Parley chat run; 'none' skips it. Default: /dev/shm.")
    String tmpfs = "/dev/shm";

    @Option(names = "--server-jvm", split = " ", description = "Options for the server JVMs. Default: ${DEFAULT-VALUE}.")
    List<String> jvmOptions = RoomJvmOptions.LAUNCHER;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        LoadPlan plan = new LoadPlan(noVoice ? List.of() : scenarios.stream().map(Scenario::named).toList(), rounds,
                Duration.ofSeconds(warmUpSeconds), Duration.ofSeconds(seconds), !noForwarder,
                noChat ? null : new ChatLoad.Plan(chatClients, chatSenders, chatWindow, chatPaced, chatRate, chatBurst, warmUp()),
                noPeer ? null : (peerDir != null ? peerDir : ChatTarget.findPeerDir()),
                dataDir != null ? dataDir : Files.createTempDirectory("parley-load"),
                "none".equals(tmpfs) || !Files.isDirectory(Path.of(tmpfs)) ? null : Path.of(tmpfs, "parley-load"),
                jvmOptions, decryptEvery, murmurd(), warmUp(), !noPostgres);
        out.println(Report.machine());
        LoadRunner.Results results = new LoadRunner(plan, out::println).run();
        out.println();
        out.println(Report.voiceTable(results.voice()));
        out.println(Report.sideBySide(results.voice()));
        out.println(Report.chatTable(results.chat()));
        out.println(Report.machine());
        return 0;
    }

    private WarmUp warmUp() {
        if (warm.size() == 1 && warm.get(0) == 0) {
            return null;
        }
        if (warm.size() != 3) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warm wants MIN,QUIET,MAX seconds or 0");
        }
        return new WarmUp(Duration.ofSeconds(warm.get(0)), Duration.ofSeconds(warm.get(1)),
                Duration.ofSeconds(warm.get(2)));
    }

    private Path murmurd() {
        if (noMurmur || noVoice) {
            return null;
        }
        var murmurd = dev.parley.bench.load.murmur.MurmurServer.findMurmurd();
        if (murmurd.isEmpty()) {
            spec.commandLine().getOut().println(dev.parley.bench.load.murmur.MurmurServer.notInstalledMessage());
        }
        return murmurd.orElse(null);
    }

    public static void main(String[] args) {
        int exit = new CommandLine(new LoadMain()).execute(args);
        System.exit(exit);
    }
}
