package dev.parley.client.core.audio.real;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Real-time tests judge threads that must run every 10 ms. On a virtual machine the hypervisor can take the CPU
 * from the whole guest ("steal": a CI run saw half of it stolen for minutes, and every real-device voice test
 * failed on underruns at a load average of 3); then no cushion helps and the failure says nothing about the code.
 * This reads the guest's stolen time from {@code /proc/stat} around each test, and a test that fails an
 * assertion while more than {@link #MAX_STOLEN} of the CPU was stolen is reported as aborted (skipped), with the
 * figure and the failure, like the load skip before it ({@link RealAudio#assumeMachineNotOversubscribed()}).
 * A failure with the CPU really given stays a failure.
 */
public final class StolenCpuJudge implements BeforeTestExecutionCallback, TestExecutionExceptionHandler {

    /** Over this share of the CPU stolen during a test, its real-time figures are the hypervisor's, not ours. */
    static final double MAX_STOLEN = 0.05;
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StolenCpuJudge.class);
    private static final Path PROC_STAT = Path.of("/proc/stat");

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        CpuTimes now = CpuTimes.read();
        if (now != null) {
            context.getStore(NAMESPACE).put(context.getUniqueId(), now);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        CpuTimes start = context.getStore(NAMESPACE).get(context.getUniqueId(), CpuTimes.class);
        CpuTimes now = CpuTimes.read();
        if (!(thrown instanceof AssertionError) || start == null || now == null) {
            throw thrown;
        }
        double stolen = now.stolenShareSince(start);
        if (stolen <= MAX_STOLEN) {
            throw thrown;
        }
        throw new TestAbortedException(String.format(Locale.ROOT,
                "Not judged: the hypervisor stole %.0f %% of the CPU during this test (more than %.0f %%), so its"
                        + " real-time figures are the machine's; the assertion that failed: %s",
                stolen * 100, MAX_STOLEN * 100, thrown.getMessage()), thrown);
    }

    /** The whole machine's CPU time and the part of it stolen, in clock ticks, from the first line of /proc/stat. */
    record CpuTimes(long total, long stolen) {

        static CpuTimes read() {
            try {
                return parse(Files.readAllLines(PROC_STAT).get(0));
            } catch (IOException | RuntimeException e) {
                return null; // not Linux, or no figures: judge as usual
            }
        }

        /** {@code cpu user nice system idle iowait irq softirq steal ...}; guest time is already in user. */
        static CpuTimes parse(String cpuLine) {
            String[] fields = cpuLine.trim().split("\\s+");
            if (!"cpu".equals(fields[0]) || fields.length < 9) {
                throw new IllegalArgumentException("not the cpu line of /proc/stat: " + cpuLine);
            }
            long total = 0;
            for (int i = 1; i <= 8; i++) {
                total += Long.parseLong(fields[i]);
            }
            return new CpuTimes(total, Long.parseLong(fields[8]));
        }

        double stolenShareSince(CpuTimes start) {
            long ticks = total - start.total;
            return ticks <= 0 ? 0 : (double) (stolen - start.stolen) / ticks;
        }
    }
}
