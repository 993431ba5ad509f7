package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat run against a {@link ChatTarget}: K clients in one room, the first S of them also send.
 * Phase 1 (delivery delay): messages paced at a steady rate well below capacity, so the p50/p99 is
 * the path, not a queue. Phase 2 (throughput): each sender keeps a fixed window of its own messages
 * in flight (a message leaves the window when it comes back to the sender), as fast as the server
 * stores and delivers them; the clock stops when every client has every message. Both phases run once
 * cold (after a short unmeasured burst) and, when asked, again warm: after bursts that last until the
 * server's JIT compiled nothing for a while, so "sustained" means what a room that has run for a while
 * does, not what its first seconds do. Single use.
 */
final class ChatLoad {

    private static final Logger log = LoggerFactory.getLogger(ChatLoad.class);
    /** A bound on the warm-up, in unmeasured bursts, so the send-time table can be sized up front. */
    private static final int MAX_WARM_BURSTS = 200;
    private static final String TEXT = "anyone up for another round? I'll host on the usual map in five minutes";

    /**
     * What one phase of a chat run measured.
     *
     * @param phase           "cold" (after one short unmeasured burst) or "warm" (after the JIT went quiet)
     * @param warmUpSeconds   chat traffic before this phase's paced messages began
     * @param jitCompilations methods the server's JIT compiled during the throughput burst; -1 without a JIT
     * @param toolCpuSeconds  CPU the load tool itself used during the burst (its clients share the machine)
     * @param machineBusy     the share of all cores' time that was busy during the burst, 0 to 1
     */
    record Result(String target, int clients, double pacedPerSecond, LatencyHistogram pacedDelay,
                  int burstMessages, double burstSeconds, LatencyHistogram burstDelay, double serverCpuSeconds,
                  long serverRssKiB, long serverThreads, String phase, double warmUpSeconds, long jitCompilations,
                  double toolCpuSeconds, double machineBusy) {

        double messagesPerSecond() {
            return burstMessages / burstSeconds;
        }

        double deliveriesPerSecond() {
            return (double) burstMessages * clients / burstSeconds;
        }

        /** Server CPU milliseconds per message stored (Parley) and delivered to every client. */
        double cpuMillisPerMessage() {
            return serverCpuSeconds * 1000 / burstMessages;
        }

        /** The load tool's CPU milliseconds per message: sending it and receiving it K times. */
        double toolCpuMillisPerMessage() {
            return toolCpuSeconds * 1000 / burstMessages;
        }
    }

    /**
     * @param clients          K: connected clients, all receiving every message
     * @param senders          S: how many of them send
     * @param window           messages each sender may have in flight in the throughput phase
     * @param pacedMessages    messages of the delivery-delay phase
     * @param pacedPerSecond   their rate
     * @param burstMessages    messages of the throughput phase
     * @param warm             when to measure both phases again warm, or null for cold only
     */
    record Plan(int clients, int senders, int window, int pacedMessages, int pacedPerSecond, int burstMessages,
                WarmUp warm) {
    }

    private final ChatTarget target;
    private final Plan plan;
    private final ChatClock clock;
    private final List<ChatClient> clients = new ArrayList<>();

    ChatLoad(ChatTarget target, Plan plan) {
        this.target = target;
        this.plan = plan;
        int phase = plan.pacedMessages() + plan.burstMessages();
        this.clock = new ChatClock(warmUpMessages() + phase
                + (plan.warm() == null ? 0 : MAX_WARM_BURSTS * warmUpMessages() + phase));
    }

    /** Unmeasured messages first, so neither server is measured with a cold JIT or empty caches. */
    private int warmUpMessages() {
        return plan.burstMessages() / 2;
    }

    /** The cold phase, then the warm one when the plan asks for it. */
    List<Result> run() throws InterruptedException {
        try {
            connect();
            List<Result> results = new ArrayList<>();
            long firstMessage = System.nanoTime();
            int next = warmUpMessages();
            clock.measure(0, 0);
            burst(0, next);
            results.add(measure("cold", next, firstMessage));
            next += plan.pacedMessages() + plan.burstMessages();
            if (plan.warm() != null) {
                next = warmUntilQuiet(next, firstMessage);
                results.add(measure("warm", next, firstMessage));
            }
            return results;
        } finally {
            for (ChatClient client : clients) {
                client.closeBlocking();
            }
        }
    }

    /** The paced phase, then the measured burst, starting at message {@code from}. */
    private Result measure(String phase, int from, long firstMessage) throws InterruptedException {
        double warmUpSeconds = (System.nanoTime() - firstMessage) / 1e9;
        clients.forEach(ChatClient::resetLatency);
        int pacedEnd = from + plan.pacedMessages();
        clock.measure(from, pacedEnd);
        sendPaced(from, pacedEnd);
        awaitAll(pacedEnd);
        LatencyHistogram paced = merged();
        clients.forEach(ChatClient::resetLatency);

        int to = pacedEnd + plan.burstMessages();
        clock.measure(pacedEnd, to);
        long pid = target.process().pid();
        long jitBefore = JitActivity.compilations(pid);
        long tool = ProcessHandle.current().pid();
        ProcessStats.MachineTicks machineBefore = ProcessStats.machineTicks();
        double toolBefore = ProcessStats.cpuSeconds(tool);
        double cpuBefore = target.process().cpuSeconds();
        long start = System.nanoTime();
        burst(pacedEnd, to);
        long end = System.nanoTime();
        double cpuAfter = target.process().cpuSeconds();
        double toolAfter = ProcessStats.cpuSeconds(tool);
        ProcessStats.MachineTicks machineAfter = ProcessStats.machineTicks();
        long jitAfter = JitActivity.compilations(pid);
        return new Result(target.name(), plan.clients(), plan.pacedPerSecond(), paced, plan.burstMessages(),
                (end - start) / 1e9, merged(), cpuAfter - cpuBefore, target.process().residentKiB(),
                target.process().threads(), phase, warmUpSeconds,
                jitBefore < 0 || jitAfter < 0 ? -1 : jitAfter - jitBefore, toolAfter - toolBefore,
                machineAfter.busyShareSince(machineBefore));
    }

    /**
     * Unmeasured bursts from message {@code from} until the server's JIT compiled nothing for the plan's
     * quiet time, at least its minimum and at most its maximum after the first message (a server
     * without a JIT: the minimum). Returns the next message's index.
     */
    private int warmUntilQuiet(int from, long firstMessage) throws InterruptedException {
        WarmUp warm = plan.warm();
        long pid = target.process().pid();
        long last = JitActivity.compilations(pid);
        long quietSince = System.nanoTime();
        int next = from;
        for (int bursts = 0; ; bursts++) {
            long now = System.nanoTime();
            boolean quiet = last < 0 || now - quietSince >= warm.quiet().toNanos();
            if (now - firstMessage >= warm.minimum().toNanos() && quiet) {
                return next;
            }
            if (now - firstMessage >= warm.maximum().toNanos() || bursts == MAX_WARM_BURSTS) {
                log.warn("{}: the JIT was still compiling after {} s of chat; measuring warm anyway", target.name(),
                        (now - firstMessage) / 1_000_000_000);
                return next;
            }
            burst(next, next + warmUpMessages());
            next += warmUpMessages();
            long count = JitActivity.compilations(pid);
            if (count != last) {
                last = count;
                quietSince = System.nanoTime();
            }
        }
    }

    private void connect() throws InterruptedException {
        for (int i = 0; i < plan.clients(); i++) {
            boolean sends = i < plan.senders();
            ChatClient client = new ChatClient(target.uri(), clock, sends ? i : -1, sends ? plan.senders() : 0,
                    plan.window());
            if (!client.connectBlocking(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("chat client " + i + " could not connect to " + target.uri());
            }
            target.signIn(client, i);
            clients.add(client);
        }
    }

    /** Messages [from, to) as fast as the windows allow; returns once every client has them all. */
    private void burst(int from, int to) throws InterruptedException {
        clock.flowControl(from, to);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < plan.senders(); s++) {
            int sender = s;
            clients.get(s).window.drainPermits();
            clients.get(s).window.release(plan.window());
            Thread thread = new Thread(() -> sendWindowed(sender, from, to), "bench-chat-sender-" + s);
            senders.add(thread);
            thread.start();
        }
        awaitAll(to);
        for (Thread thread : senders) {
            thread.join();
        }
    }

    private void sendPaced(int from, int to) {
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / plan.pacedPerSecond();
        for (int index = from; index < to; index++) {
            sleepUntil(start + (index - from) * interval);
            send(index);
        }
    }

    private void sendWindowed(int sender, int from, int to) {
        ChatClient client = clients.get(sender);
        for (int index = from + Math.floorMod(sender - from, plan.senders()); index < to; index += plan.senders()) {
            client.window.acquireUninterruptibly();
            send(index);
        }
    }

    private void send(int index) {
        String frame = ChatTarget.sendFrame(index, TEXT);
        clock.sent(index, System.nanoTime());
        clients.get(index % plan.senders()).send(frame);
    }

    private void awaitAll(int messages) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (ChatClient client : clients) {
            LongSupplier count = client::messages;
            while (count.getAsLong() < messages) {
                if (System.nanoTime() > deadline || !client.isOpen()) {
                    throw new IllegalStateException(target.name() + ": a client got " + count.getAsLong() + " of "
                            + messages + " messages" + (client.isOpen() ? "" : " and was disconnected"));
                }
                Thread.sleep(Duration.ofMillis(1).toMillis());
            }
        }
    }

    private LatencyHistogram merged() {
        LatencyHistogram all = new LatencyHistogram();
        clients.forEach(client -> all.add(client.latency()));
        return all;
    }

    private static void sleepUntil(long deadlineNanos) {
        long remaining;
        while ((remaining = deadlineNanos - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
