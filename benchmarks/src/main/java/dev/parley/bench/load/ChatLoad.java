package dev.parley.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * One chat run against a {@link ChatTarget}: K clients in one room, the first S of them also send.
 * Phase 1 (delivery delay): messages paced at a steady rate well below capacity, so the p50/p99 is
 * the path, not a queue. Phase 2 (throughput): each sender keeps a fixed window of its own messages
 * in flight (a message leaves the window when it comes back to the sender), as fast as the server
 * stores and delivers them; the clock stops when every client has every message. Single use.
 */
final class ChatLoad {

    private static final String TEXT = "anyone up for another round? I'll host on the usual map in five minutes";

    /** What one chat run measured. */
    record Result(String target, int clients, double pacedPerSecond, LatencyHistogram pacedDelay,
                  int burstMessages, double burstSeconds, LatencyHistogram burstDelay, double serverCpuSeconds,
                  long serverRssKiB, long serverThreads) {

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
    }

    /**
     * @param clients          K: connected clients, all receiving every message
     * @param senders          S: how many of them send
     * @param window           messages each sender may have in flight in the throughput phase
     * @param pacedMessages    messages of the delivery-delay phase
     * @param pacedPerSecond   their rate
     * @param burstMessages    messages of the throughput phase
     */
    record Plan(int clients, int senders, int window, int pacedMessages, int pacedPerSecond, int burstMessages) {
    }

    private final ChatTarget target;
    private final Plan plan;
    private final ChatClock clock;
    private final List<ChatClient> clients = new ArrayList<>();

    ChatLoad(ChatTarget target, Plan plan) {
        this.target = target;
        this.plan = plan;
        this.clock = new ChatClock(warmUpMessages() + plan.pacedMessages() + plan.burstMessages());
    }

    /** Unmeasured messages first, so neither server is measured with a cold JIT or empty caches. */
    private int warmUpMessages() {
        return plan.burstMessages() / 2;
    }

    Result run() throws InterruptedException {
        try {
            connect();
            int warm = warmUpMessages();
            clock.measure(0, 0);
            burst(0, warm);
            int pacedEnd = warm + plan.pacedMessages();
            clock.measure(warm, pacedEnd);
            sendPaced(warm, pacedEnd);
            awaitAll(pacedEnd);
            LatencyHistogram paced = merged();
            clients.forEach(ChatClient::resetLatency);

            int to = pacedEnd + plan.burstMessages();
            clock.measure(pacedEnd, to);
            double cpuBefore = target.process().cpuSeconds();
            long start = System.nanoTime();
            burst(pacedEnd, to);
            long end = System.nanoTime();
            double cpuAfter = target.process().cpuSeconds();
            return new Result(target.name(), plan.clients(), plan.pacedPerSecond(), paced, plan.burstMessages(),
                    (end - start) / 1e9, merged(), cpuAfter - cpuBefore, target.process().residentKiB(),
                    target.process().threads());
        } finally {
            for (ChatClient client : clients) {
                client.closeBlocking();
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
