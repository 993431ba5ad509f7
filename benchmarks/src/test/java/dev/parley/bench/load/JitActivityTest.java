package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JIT counter the warm-up waits on is read from a real JVM's perf data: this test's own. */
class JitActivityTest {

    @Test
    void readsThisJvmsCompilationCountAndSeesItGrow() {
        long pid = ProcessHandle.current().pid();
        long before = JitActivity.compilations(pid);
        assertThat(before).as("sun.ci.totalCompiles of this JVM").isPositive();
        long sum = 0;
        for (int i = 0; i < 200_000; i++) {
            sum += Long.toString(i).hashCode() ^ i;
        }
        assertThat(sum).isNotZero();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> JitActivity.compilations(pid) > before);
    }

    @Test
    void aProcessWithoutPerfDataHasNoCount() {
        assertThat(JitActivity.compilations(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
