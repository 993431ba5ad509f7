package dev.parley.bench.load;

import dev.parley.protocol.voice.VoiceWire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one voice run against a {@link VoiceTarget}: every talker sends one real Opus packet every
 * 20 ms (talkers spread evenly over the 20 ms, as real clients are), one receiver thread reads every
 * listener's socket through a selector. Only packets sent inside a measured window count, so the
 * warm-up and the drain do not skew rates or loss. A run measures a cold window (after the plan's
 * short warm-up) and optionally a warm one (after the server's JIT went quiet) in the same process.
 * Two threads; single use.
 */
final class VoiceLoad {

    private static final Logger log = LoggerFactory.getLogger(VoiceLoad.class);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /**
     * Every audio payload starts with a stamp: send time (8 bytes), talker index (4), sequence (4).
     * Loss is then counted per talker and listener from the sequences that never arrived, not only
     * from totals (which a duplicate would hide).
     */
    static final int STAMP_BYTES = 16;

    /**
     * What one measured window of a run saw.
     *
     * @param phase           "cold" (after the plan's short warm-up) or "warm" (after the JIT went quiet)
     * @param warmUpSeconds   traffic before this window began
     * @param jitCompilations methods the server's JIT compiled during this window; -1 when it has no JIT
     */
    record Result(String target, int clients, int talkers, double seconds, long sent, long expected, long received,
                  LatencyHistogram delay, double serverCpuSeconds, long serverRssKiB, long serverThreads,
                  double toolCpuSeconds, String phase, double warmUpSeconds, long jitCompilations,
                  long sequencesExpected, long sequencesLost, long duplicates) {

        double packetsInPerSecond() {
            return sent / seconds;
        }

        double packetsOutPerSecond() {
            return received / seconds;
        }

        /** Loss from sequence numbers, e.g. "0 of 750,000"; "n/a" when not every packet was opened. */
        String sequenceLoss() {
            return sequencesExpected < 0 ? "n/a" : String.format(java.util.Locale.ROOT, "%,d of %,d lost%s",
                    sequencesLost, sequencesExpected, duplicates > 0 ? String.format(java.util.Locale.ROOT, ", %,d duplicated", duplicates) : "");
        }

        double lossPercent() {
            return expected == 0 ? 0 : 100.0 * (expected - received) / expected;
        }

        /** Server CPU seconds per 100,000 datagrams forwarded (received by a listener). */
        double cpuPer100k() {
            return received == 0 ? 0 : serverCpuSeconds / received * 100_000;
        }
    }

    private final VoiceTarget target;
    private final List<byte[]> packets;
    private final List<VoiceClient> clients;
    private final List<VoiceClient> talkers;
    /**
     * One measured window. Its bounds are set by the main thread (MAX until known); the sender thread
     * owns {@code sent}/{@code expected}, the receiver thread {@code delay}/{@code received}.
     */
    private static final class Window {
        volatile long start = Long.MAX_VALUE;
        volatile long end = Long.MAX_VALUE;
        final LatencyHistogram delay = new LatencyHistogram();
        volatile long received;
        volatile long sent;
        volatile long expected;
        /** Per talker (by position in the talker list): first and last sequence sent in the window; sender thread. */
        int[] firstSequence;
        int[] lastSequence;

        boolean contains(long nanos) {
            return nanos >= start && nanos < end;
        }
    }

    private volatile long firstFrame;
    /** The sender stops at this time (the last window's end). */
    private volatile long stopAt = Long.MAX_VALUE;
    private volatile boolean running = true;
    private final Window[] windows = {new Window(), new Window()};

    private final int decryptEvery;

    /**
     * @param decryptEvery 1: every listener opens (decrypts) every datagram and every delivery is
     *                     timed; N > 1: only every Nth audio datagram per listener is opened and timed,
     *                     the others are counted by arrival time from their cleartext header, so the
     *                     load tool's own crypto stops being what limits a flood
     */
    VoiceLoad(VoiceTarget target, Scenario scenario, List<byte[]> packets, int decryptEvery) {
        this.decryptEvery = decryptEvery;
        this.target = target;
        if (packets.stream().anyMatch(packet -> packet.length < STAMP_BYTES)) {
            throw new IllegalArgumentException("every packet needs room for the " + STAMP_BYTES + "-byte stamp");
        }
        this.packets = packets;
        this.clients = target.connect(scenario);
        this.talkers = clients.stream().filter(client -> client.talker).toList();
    }

    Result run(Duration warmUp, Duration measured) {
        return run(warmUp, measured, null).get(0);
    }

    /**
     * Measures a cold window after {@code warmUp} and, unless {@code warm} is null, a warm window of
     * the same length once the JIT went quiet, in one process with traffic flowing throughout.
     */
    List<Result> run(Duration warmUp, Duration measured, WarmUp warm) {
        try (Selector selector = Selector.open()) {
            for (VoiceClient client : clients) {
                client.udp.configureBlocking(false);
                client.udp.register(selector, SelectionKey.OP_READ, client);
            }
            Thread receiver = new Thread(() -> receive(selector), "bench-voice-receiver");
            receiver.start();
            bindAll();
            Thread sender = new Thread(this::send, "bench-voice-sender");
            firstFrame = System.nanoTime() + FRAME_NANOS;
            Window cold = windows[0];
            cold.start = firstFrame + warmUp.toNanos();
            cold.end = cold.start + measured.toNanos();
            stopAt = warm == null ? cold.end : Long.MAX_VALUE;
            sender.start();
            List<Result> results = new ArrayList<>();
            results.add(measure(cold, "cold", measured));
            if (warm != null) {
                Window hot = windows[1];
                // Bounds a little ahead, so the sender and receiver both know them before the first packet in it.
                long start = warmStart(warm) + TimeUnit.MILLISECONDS.toNanos(100);
                hot.end = start + measured.toNanos();
                hot.start = start;
                stopAt = hot.end;
                results.add(measure(hot, "warm", measured));
            }
            sender.join();
            // Late packets still count as delivered (their delay shows it); give them a moment.
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
            running = false;
            selector.wakeup();
            receiver.join();
            // The receiver's counts are final only now.
            List<Result> finished = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                Result r = results.get(i);
                finished.add(new Result(r.target(), r.clients(), r.talkers(), r.seconds(), windows[i].sent,
                        windows[i].expected, windows[i].received, windows[i].delay, r.serverCpuSeconds(),
                        r.serverRssKiB(), r.serverThreads(), r.toolCpuSeconds(), r.phase(), r.warmUpSeconds(),
                        r.jitCompilations(), decryptEvery == 1 ? sequencesExpected(windows[i]) : -1,
                        decryptEvery == 1 ? sequencesLost(windows[i]) : -1,
                        clients.stream().mapToLong(client -> client.duplicates).sum()));
            }
            return finished;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            for (VoiceClient client : clients) {
                try {
                    client.udp.close();
                } catch (IOException e) {
                    log.debug("closing a client socket failed", e);
                }
            }
        }
    }

    /** Waits through {@code window}, reading the server's CPU, memory and JIT at its edges (counts come later). */
    private Result measure(Window window, String phase, Duration measured) {
        long tool = ProcessHandle.current().pid();
        long server = target.process().pid();
        sleepUntil(window.start);
        double cpuBefore = target.process().cpuSeconds();
        double toolBefore = ProcessStats.cpuSeconds(tool);
        long jitBefore = JitActivity.compilations(server);
        sleepUntil(window.end);
        double cpuAfter = target.process().cpuSeconds();
        double toolAfter = ProcessStats.cpuSeconds(tool);
        long jitAfter = JitActivity.compilations(server);
        long rss = target.process().residentKiB();
        long threads = target.process().threads();
        return new Result(target.name(), clients.size(), talkers.size(), measured.toNanos() / 1e9, 0, 0, 0, null,
                cpuAfter - cpuBefore, rss, threads, toolAfter - toolBefore, phase, (window.start - firstFrame) / 1e9,
                jitBefore < 0 || jitAfter < 0 ? -1 : jitAfter - jitBefore, -1, -1, 0);
    }

    /** Deliveries the window's sequences call for: each talker's sent range, to each other member of its group. */
    private long sequencesExpected(Window window) {
        long expected = 0;
        for (int t = 0; t < talkers.size(); t++) {
            if (window.firstSequence[t] >= 0) {
                expected += (long) (window.lastSequence[t] - window.firstSequence[t] + 1) * (talkers.get(t).groupSize - 1);
            }
        }
        return expected;
    }

    /** Sequences sent in the window that a listener in the talker's group never opened. Only after the receiver stopped. */
    private long sequencesLost(Window window) {
        long lost = 0;
        for (int t = 0; t < talkers.size(); t++) {
            VoiceClient talker = talkers.get(t);
            int first = window.firstSequence[t];
            if (first < 0) {
                continue;
            }
            int last = window.lastSequence[t];
            for (VoiceClient listener : clients) {
                if (listener == talker || listener.group != talker.group) {
                    continue;
                }
                java.util.BitSet heard = listener.heard.get(talker.index);
                int got = heard == null ? 0 : heard.get(first, last + 1).cardinality();
                lost += last - first + 1 - got;
            }
        }
        return lost;
    }

    /** When the warm window starts: see {@link WarmUp}. Polls the JIT once a second. */
    private long warmStart(WarmUp warm) {
        long minimum = firstFrame + warm.minimum().toNanos();
        long maximum = firstFrame + warm.maximum().toNanos();
        long pid = target.process().pid();
        long last = JitActivity.compilations(pid);
        if (last < 0) {
            return Math.max(minimum, System.nanoTime());
        }
        long quietSince = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= maximum) {
                log.warn("{}: the JIT was still compiling after {} of traffic; measuring warm anyway", target.name(),
                        warm.maximum());
                return now;
            }
            if (now >= minimum && now - quietSince >= warm.quiet().toNanos()) {
                return now;
            }
            sleepUntil(now + TimeUnit.SECONDS.toNanos(1));
            long count = JitActivity.compilations(pid);
            if (count != last) {
                last = count;
                quietSince = System.nanoTime();
            }
        }
    }

    /** Sends each client's bind datagram until the target echoed it (UDP may drop one). */
    private void bindAll() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<VoiceClient> unbound = clients.stream().filter(client -> !client.bound).toList();
            if (unbound.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(unbound.size() + " voice clients never got their bind echoed");
            }
            for (VoiceClient client : unbound) {
                client.udp.write(ByteBuffer.wrap(target.bind(client)));
            }
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        }
    }

    /** Sends until {@link #stopAt}; counts, per window, the packets sent in it and the deliveries they should cause. */
    private void send() {
        byte[][] scratch = packets.stream().map(byte[]::clone).toArray(byte[][]::new);
        byte[] out = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        long start = firstFrame;
        int talkerCount = talkers.size();
        for (Window window : windows) {
            window.firstSequence = new int[talkerCount];
            window.lastSequence = new int[talkerCount];
            java.util.Arrays.fill(window.firstSequence, -1);
        }
        try {
            for (int frame = 0; ; frame++) {
                for (int t = 0; t < talkerCount; t++) {
                    long due = start + frame * FRAME_NANOS + FRAME_NANOS * t / talkerCount;
                    if (due >= stopAt) {
                        return;
                    }
                    sleepUntil(due);
                    VoiceClient talker = talkers.get(t);
                    byte[] opus = scratch[(frame + t * 7) % scratch.length];
                    Bytes.putInt(opus, 8, talker.index);
                    Bytes.putInt(opus, 12, frame);
                    long now = System.nanoTime();
                    int length = target.audio(talker, frame, opus, now, out);
                    buffer.clear().limit(length);
                    talker.udp.write(buffer);
                    for (Window window : windows) {
                        if (window.contains(now)) {
                            window.sent++;
                            window.expected += talker.groupSize - 1;
                            if (window.firstSequence[t] < 0) {
                                window.firstSequence[t] = frame;
                            }
                            window.lastSequence[t] = frame;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void receive(Selector selector) {
        byte[] array = new byte[VoiceWire.MAX_DATAGRAM_BYTES + 1];
        ByteBuffer buffer = ByteBuffer.wrap(array);
        try {
            while (running) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    VoiceClient listener = (VoiceClient) key.attachment();
                    while (true) {
                        buffer.clear();
                        if (listener.udp.receive(buffer) == null) {
                            break;
                        }
                        long now = System.nanoTime();
                        int length = buffer.position();
                        if (decryptEvery > 1 && listener.bound && target.isAudio(array, length)
                                && ++listener.audioSeen % decryptEvery != 0) {
                            for (Window window : windows) {
                                if (window.contains(now)) {
                                    window.received++;
                                }
                            }
                            continue;
                        }
                        long sentAt = target.sentNanos(listener, array, length);
                        if (sentAt < 0) {
                            continue;
                        }
                        for (Window window : windows) {
                            if (decryptEvery > 1 ? window.contains(now) : window.contains(sentAt)) {
                                window.delay.recordNanos(now - sentAt);
                                window.received++;
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
