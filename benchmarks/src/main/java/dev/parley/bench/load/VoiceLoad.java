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
 * listener's socket through a selector. Only packets sent inside the measured window count, so the
 * warm-up and the drain do not skew rates or loss. Two threads; single use.
 */
final class VoiceLoad {

    private static final Logger log = LoggerFactory.getLogger(VoiceLoad.class);
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    /** What one run measured. */
    record Result(String target, int clients, int talkers, double seconds, long sent, long expected, long received,
                  LatencyHistogram delay, double serverCpuSeconds, long serverRssKiB, long serverThreads,
                  double toolCpuSeconds) {

        double packetsInPerSecond() {
            return sent / seconds;
        }

        double packetsOutPerSecond() {
            return received / seconds;
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
    private volatile long firstFrame;
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean running = true;
    private final LatencyHistogram delay = new LatencyHistogram();
    private volatile long received;

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
        this.packets = packets;
        this.clients = target.connect(scenario);
        this.talkers = clients.stream().filter(client -> client.talker).toList();
    }

    Result run(Duration warmUp, Duration measured) {
        try (Selector selector = Selector.open()) {
            for (VoiceClient client : clients) {
                client.udp.configureBlocking(false);
                client.udp.register(selector, SelectionKey.OP_READ, client);
            }
            Thread receiver = new Thread(() -> receive(selector), "bench-voice-receiver");
            receiver.start();
            bindAll();
            long[] counts = new long[2];
            Thread sender = new Thread(() -> send(counts), "bench-voice-sender");
            firstFrame = System.nanoTime() + FRAME_NANOS;
            windowStart = firstFrame + warmUp.toNanos();
            windowEnd = windowStart + measured.toNanos();
            sender.start();
            long tool = ProcessHandle.current().pid();
            sleepUntil(windowStart);
            double cpuBefore = target.process().cpuSeconds();
            double toolBefore = ProcessStats.cpuSeconds(tool);
            sleepUntil(windowEnd);
            double cpuAfter = target.process().cpuSeconds();
            double toolAfter = ProcessStats.cpuSeconds(tool);
            long rss = target.process().residentKiB();
            long threads = target.process().threads();
            sender.join();
            // Late packets still count as delivered (their delay shows it); give them a moment.
            sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500));
            running = false;
            selector.wakeup();
            receiver.join();
            return new Result(target.name(), clients.size(), talkers.size(), measured.toNanos() / 1e9, counts[0],
                    counts[1], received, delay, cpuAfter - cpuBefore, rss, threads, toolAfter - toolBefore);
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

    /** counts[0]: packets sent in the window; counts[1]: deliveries they should cause. */
    private void send(long[] counts) {
        byte[][] scratch = packets.stream().map(byte[]::clone).toArray(byte[][]::new);
        byte[] out = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        ByteBuffer buffer = ByteBuffer.wrap(out);
        long start = firstFrame;
        int talkerCount = talkers.size();
        long sent = 0;
        long expected = 0;
        try {
            for (int frame = 0; ; frame++) {
                for (int t = 0; t < talkerCount; t++) {
                    long due = start + frame * FRAME_NANOS + FRAME_NANOS * t / talkerCount;
                    if (due >= windowEnd) {
                        counts[0] = sent;
                        counts[1] = expected;
                        return;
                    }
                    sleepUntil(due);
                    VoiceClient talker = talkers.get(t);
                    byte[] opus = scratch[(frame + t * 7) % scratch.length];
                    long now = System.nanoTime();
                    int length = target.audio(talker, frame, opus, now, out);
                    buffer.clear().limit(length);
                    talker.udp.write(buffer);
                    if (now >= windowStart) {
                        sent++;
                        expected += talker.groupSize - 1;
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
        long count = 0;
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
                            if (now >= windowStart && now < windowEnd) {
                                count++;
                            }
                            continue;
                        }
                        long sentAt = target.sentNanos(listener, array, length);
                        boolean inWindow = decryptEvery > 1 ? now >= windowStart && now < windowEnd
                                : sentAt >= windowStart && sentAt < windowEnd;
                        if (sentAt >= 0 && inWindow) {
                            delay.recordNanos(now - sentAt);
                            count++;
                        }
                    }
                }
                selector.selectedKeys().clear();
                received = count;
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
