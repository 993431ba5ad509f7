package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ChildProcessTest {

    @Test
    @Timeout(30)
    void recentOutputKeepsTheLastFortyLinesAfterReady() throws InterruptedException {
        // Prints READY, 50 lines, then waits for its stdin to close (what close() does).
        List<String> command = List.of("sh", "-c", "echo READY 7; i=1; while [ $i -le 50 ]; do echo line$i; i=$((i+1)); done; cat");
        try (ChildProcess child = ChildProcess.start("printer", command, null)) {
            assertThat(child.readyInt(0)).isEqualTo(7);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!child.recentOutput().endsWith("line50") && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            List<String> lines = child.recentOutput().lines().toList();
            assertThat(lines).hasSize(40).startsWith("line11").endsWith("line50").doesNotContain("READY 7");
        }
    }
}
