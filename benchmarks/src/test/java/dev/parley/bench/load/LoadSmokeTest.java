package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.parley.bench.load.murmur.MurmurServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load tool's quick mode, run by every build: a tiny voice scenario through Parley, the bare
 * forwarder and (when murmurd is installed; otherwise a warning says it is skipped) Murmur, a small
 * chat load through Parley on H2, Parley on PostgreSQL (the tool's own, from Maven) and (when Node and
 * the peer's packages are there) the Node peer. Asserts only that packets and messages flowed; no timing.
 */
// 97 s without and 113 s with the PostgreSQL chat run at load average 23-41 on 2 cores; far less on a quiet machine
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LoadSmokeTest {

    private static final Logger log = LoggerFactory.getLogger(LoadSmokeTest.class);

    @TempDir
    Path data;

    @Test
    void voiceAndChatFlowThroughEveryServer() throws Exception {
        Path peerDir = usablePeerDir();
        Path murmurd = MurmurServer.findMurmurd().orElse(null);
        if (murmurd == null) {
            log.warn(MurmurServer.notInstalledMessage());
        }
        // Chat is measured cold and again warm: the warm-up loop runs at most 3 s per server here.
        WarmUp chatWarmUp = new WarmUp(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(3));
        LoadPlan plan = new LoadPlan(List.of(Scenario.smoke()), 1, Duration.ofSeconds(1), Duration.ofSeconds(2), true,
                new ChatLoad.Plan(6, 2, 8, 40, 50, 200, chatWarmUp), peerDir, data, null, List.of("-Xmx256m"), 1, murmurd, null, true);

        LoadRunner.Results results = new LoadRunner(plan, log::info).run();

        List<String> expected = murmurd == null ? List.of("Parley relay", "bare forwarder")
                : List.of("Parley relay", "Murmur", "bare forwarder");
        assertThat(results.voice()).extracting(run -> run.result().target())
                .containsExactlyInAnyOrderElementsOf(expected);
        for (LoadRunner.Voice run : results.voice()) {
            assertThat(run.result().sent()).as("%s sent", run.result().target()).isPositive();
            assertThat(run.result().received()).as("%s delivered", run.result().target()).isPositive();
            assertThat(run.result().delay().count()).isEqualTo(run.result().received());
            // Every delivery the window calls for is accounted for by talker and sequence number.
            assertThat(run.result().sequencesExpected()).as("%s deliveries by sequence", run.result().target())
                    .isEqualTo(run.result().expected());
        }
        assertThat(results.chat()).extracting(run -> run.result().target()).contains("Parley, H2 on disk", "Parley, PostgreSQL")
                .hasSize(2 * (peerDir == null ? 2 : 3));
        for (LoadRunner.Chat run : results.chat()) {
            assertThat(run.result().pacedDelay().count()).as("%s paced deliveries", run.result().target())
                    .isEqualTo(40L * 6);
            assertThat(run.result().burstDelay().count()).as("%s burst deliveries", run.result().target())
                    .isEqualTo(200L * 6);
            boolean jvm = run.result().target().startsWith("Parley");
            assertThat(run.result().jitCompilations() >= 0).as("%s JIT count read", run.result().target()).isEqualTo(jvm);
            assertThat(run.result().toolCpuSeconds()).as("%s load tool CPU", run.result().target()).isNotNegative();
            assertThat(run.result().machineBusy()).as("%s machine busy share", run.result().target()).isBetween(0.0, 1.0);
        }
        assertThat(results.chat()).extracting(run -> run.result().target() + " " + run.result().phase())
                .contains("Parley, H2 on disk cold", "Parley, H2 on disk warm");
        assertThat(Report.chatTable(results.chat())).contains("| server (cold) |", "| server (warm) |");
    }

    /** The Node peer's folder, or null (and a clear message) when Node or its packages are missing. */
    private static Path usablePeerDir() throws InterruptedException {
        Path dir = ChatTarget.findPeerDir();
        if (!Files.isDirectory(dir.resolve("node_modules/ws"))) {
            log.warn("Skipping the Node ws peer: {} has no node_modules (run `npm ci --prefix benchmarks/node-peer`)",
                    dir.toAbsolutePath());
            return null;
        }
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (node.waitFor(10, TimeUnit.SECONDS) && node.exitValue() == 0) {
                return dir;
            }
        } catch (IOException e) {
            log.debug("node did not start", e);
        }
        log.warn("Skipping the Node ws peer: `node` is not installed (apt-get install -y nodejs npm)");
        return null;
    }
}
