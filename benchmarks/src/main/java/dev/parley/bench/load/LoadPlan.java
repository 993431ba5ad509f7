package dev.parley.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything one invocation of the load tool does.
 *
 * @param scenarios      voice scenarios, each run against Parley and (unless off) the bare forwarder
 * @param rounds         how many times each is repeated (the report quotes medians)
 * @param warmUp         voice traffic before measuring
 * @param measured       voice traffic measured
 * @param forwarder      also run the bare forwarder
 * @param chat           the chat plan, or null for no chat
 * @param peerDir        the Node peer's folder, or null to skip the peer
 * @param dataDir        where Parley keeps its database (fresh sub-folder per run)
 * @param tmpfsDir       a RAM-backed folder for the "storage without disk" chat run, or null to skip it
 * @param jvmOptions     options for the server JVMs (Parley and the bare forwarder alike)
 * @param decryptEvery   listeners open every Nth audio datagram (1: all); see {@link VoiceLoad}
 * @param murmurd        Murmur's server binary, to run each scenario against Murmur too, or null to skip it
 * @param warm           when to measure a second, warm window in each voice run, or null for cold only
 * @param postgres       also run the chat load against a room on PostgreSQL (the tool starts one, {@link BenchPostgres})
 */
public record LoadPlan(List<Scenario> scenarios, int rounds, Duration warmUp, Duration measured, boolean forwarder,
                       ChatLoad.Plan chat, Path peerDir, Path dataDir, Path tmpfsDir, List<String> jvmOptions,
                       int decryptEvery, Path murmurd, WarmUp warm, boolean postgres) {

    public LoadPlan {
        scenarios = List.copyOf(scenarios);
        jvmOptions = List.copyOf(jvmOptions);
    }
}
