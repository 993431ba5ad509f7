package dev.parley.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Chat;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long 1,000 chat messages take to be sent, stored (committed to H2 with WRITE_DELAY=0) and
 * delivered to 10 connected clients on loopback. Prints figures; asserts only that everything
 * arrived. Run: see docs/BENCHMARKS.md.
 */
@Tag("benchmark")
@Timeout(300)
class ChatFanOutBenchmark {
    private static final Logger log = LoggerFactory.getLogger(ChatFanOutBenchmark.class);
    private static final int MESSAGES = 1000;
    private static final int LISTENERS = 10;
    private static final int ROUNDS = 5;

    @TempDir
    Path data;

    @Test
    void thousandMessagesToTenClients() throws Exception {
        List<Double> pipelinedMillis = new ArrayList<>();
        List<Double> oneByOneMillis = new ArrayList<>();
        List<Double> p50s = new ArrayList<>();
        List<Double> p99s = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            ServerConfig config = Rooms.config(data.resolve("round" + round))
                    .requestRate(100_000, 100_000).heartbeat(Duration.ofSeconds(60))
                    // 11 accounts from one address: more than a room lets one address register at once.
                    .registrationRate(100, Duration.ofSeconds(1), 100, Duration.ofSeconds(1)).build();
            try (ParleyServer server = ParleyServer.start(config)) {
                SignedIn sender = Rooms.register(server, "sender");
                List<SignedIn> listeners = new ArrayList<>();
                for (int i = 0; i < LISTENERS; i++) {
                    listeners.add(Rooms.register(server, "listener" + i));
                }
                Result pipelined = run(sender, listeners, "p", true);
                Result oneByOne = run(sender, listeners, "s", false);
                pipelinedMillis.add(pipelined.totalMillis());
                oneByOneMillis.add(oneByOne.totalMillis());
                p50s.add(pipelined.p50Millis());
                p99s.add(pipelined.p99Millis());
                for (SignedIn listener : listeners) {
                    listener.close();
                }
                sender.close();
            }
        }
        log.info("1,000 messages -> stored -> 10 clients, {} rounds (median [min..max]):", ROUNDS);
        log.info("  pipelined (sender does not wait for acks): {} ms  {}", median(pipelinedMillis), pipelinedMillis);
        log.info("  one at a time (next send after the ack):  {} ms  {}", median(oneByOneMillis), oneByOneMillis);
        log.info("  pipelined send->delivery latency p50 {} ms, p99 {} ms", median(p50s), median(p99s));
        System.out.printf("chat-fanout: pipelined median %.1f ms, one-at-a-time median %.1f ms, "
                        + "latency p50 %.1f ms p99 %.1f ms (1000 msgs x 10 clients, %d rounds)%n",
                median(pipelinedMillis), median(oneByOneMillis), median(p50s), median(p99s), ROUNDS);
    }

    private record Result(double totalMillis, double p50Millis, double p99Millis) {
    }

    private Result run(SignedIn sender, List<SignedIn> listeners, String prefix, boolean pipelined) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        int before = listeners.get(0).client().events(Chat.Posted.class).size();
        long start = System.nanoTime();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String nonce = prefix + i;
            sentAt.put(nonce, System.nanoTime());
            String id = sender.client().send(new Chat.Send(1L, null, "benchmark message number " + i, nonce, null));
            if (pipelined) {
                ids.add(id);
            } else {
                assertThat(sender.client().awaitReply(id)).isInstanceOf(Chat.Sent.class);
            }
        }
        for (String id : ids) {
            assertThat(sender.client().awaitReply(id)).isInstanceOf(Chat.Sent.class);
        }
        for (SignedIn listener : listeners) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                    .until(() -> listener.client().events(Chat.Posted.class).size() >= before + MESSAGES);
        }
        long end = System.nanoTime();
        double[] latencies = listeners.stream()
                .flatMap(l -> l.client().eventTimes(Chat.Posted.class).stream()
                        .skip(before)
                        .mapToDouble(timed -> (timed.nanos() - sentAt.get(timed.event().message().nonce())) / 1e6)
                        .boxed())
                .mapToDouble(Double::doubleValue).sorted().toArray();
        return new Result((end - start) / 1e6, percentile(latencies, 50), percentile(latencies, 99));
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return Math.round(sorted[sorted.length / 2] * 10) / 10.0;
    }
}
