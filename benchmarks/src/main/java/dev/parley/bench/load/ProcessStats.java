package dev.parley.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time, resident memory and thread count of a process, read from Linux's /proc. Stateless. */
public final class ProcessStats {

    /** USER_HZ: the unit of /proc/PID/stat times on every Linux we run on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private ProcessStats() {
    }

    /** User plus system CPU seconds the process has used so far. */
    public static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long userTicks = Long.parseLong(fields[11]);
        long systemTicks = Long.parseLong(fields[12]);
        return (userTicks + systemTicks) / TICKS_PER_SECOND;
    }

    public static long residentKiB(long pid) {
        return statusField(pid, "VmRSS:");
    }

    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith(name)) {
                return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
            }
        }
        return -1;
    }

    /** The whole machine's CPU time so far, from the first line of /proc/stat, in ticks. */
    public record MachineTicks(long busy, long total) {

        /** The share of all cores' time that was busy between {@code earlier} and this reading, 0 to 1. */
        public double busyShareSince(MachineTicks earlier) {
            long elapsed = total - earlier.total;
            return elapsed <= 0 ? Double.NaN : (double) (busy - earlier.busy) / elapsed;
        }
    }

    public static MachineTicks machineTicks() {
        // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user.
        String[] fields = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
        long total = 0;
        for (int i = 1; i <= 8 && i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new MachineTicks(total - idle, total);
    }

    /** The 1-minute load average, as {@code uptime} shows it. */
    public static double loadAverage() {
        return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
