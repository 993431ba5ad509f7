package dev.parley.server.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Session;
import dev.parley.server.support.StalledClient;
import dev.parley.server.support.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 item 5, against a real server in its own JVM with a 256 MiB heap: guests ask for the
 * largest history pages and never read the replies. The server must bound what it queues, stay
 * clear of OutOfMemoryError, and keep signing people in and carrying their chat.
 */
@Timeout(240)
class MemoryAmplificationTest {
    private static final Logger log = LoggerFactory.getLogger(MemoryAmplificationTest.class);
    private static final Pattern CONTROL = Pattern.compile("wss://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern HEALTH = Pattern.compile("health http://127\\.0\\.0\\.1:(\\d+)/health");
    private static final Pattern HEAP = Pattern.compile("parley_heap_used_bytes (\\d+)");
    private static final int GUESTS = 8;
    /**
     * How long the guests keep asking. A stalled guest's unread replies pass the point where the room
     * refuses it more work after two pages, within its first second; the rest of the attack shows the room
     * stays there while people keep signing in and chatting. The 20 s this once ran showed nothing more:
     * the same 8 connections, never dropped, and the same peak heap (61 MiB against 60 in 10 s, of 256).
     */
    private static final Duration ATTACK = Duration.ofSeconds(10);

    @TempDir
    Path data;
    private final List<String> serverOutput = new CopyOnWriteArrayList<>();

    @Test
    void guestsWhoNeverReadLargeHistoryPagesCannotExhaustTheHeap() throws Exception {
        Process server = startServer();
        ScheduledExecutorService attack = Executors.newScheduledThreadPool(2);
        List<StalledClient> stalled = new CopyOnWriteArrayList<>();
        try {
            int port = awaitPort(CONTROL);
            int httpPort = awaitPort(HEALTH);
            seedLargeHistory(port);

            ControlCodec codec = new ControlCodec();
            AtomicInteger guests = new AtomicInteger();
            AtomicLong requests = new AtomicLong();
            for (int i = 0; i < GUESTS; i++) {
                stalled.add(stalledGuest(port, guests));
            }
            attack.scheduleAtFixedRate(() -> {
                for (int i = 0; i < stalled.size(); i++) {
                    StalledClient client = stalled.get(i);
                    if (client.isClosed() && guests.get() < 10 * GUESTS) {
                        // The attacker simply comes back when dropped.
                        try {
                            stalled.set(i, stalledGuest(port, guests));
                        } catch (RuntimeException | InterruptedException e) {
                            log.debug("reconnect failed: {}", e.toString());
                        }
                        continue;
                    }
                    if (client.isOpen()) {
                        client.send(codec.encode(Envelope.request("h" + requests.incrementAndGet(),
                                new Chat.History(1L, null, null, 100))));
                    }
                }
            }, 0, 50, TimeUnit.MILLISECONDS);

            AtomicLong peakHeap = new AtomicLong();
            attack.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heapUsed(httpPort), Math::max),
                    0, 250, TimeUnit.MILLISECONDS);

            List<Long> signInAndChatMillis = new ArrayList<>();
            int failedRounds = 0;
            long end = System.nanoTime() + ATTACK.toNanos();
            int n = 0;
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                try (TestClient person = TestClient.helloFrom("127.0.0.9", port)) {
                    person.expect(new Session.GuestJoin("person" + n, null), Session.AuthOk.class);
                    person.expect(new Chat.Send(1L, null, "hello " + n, "n" + n, null), Chat.Sent.class);
                    signInAndChatMillis.add((System.nanoTime() - t0) / 1_000_000);
                } catch (AssertionError | IllegalStateException noAnswerIn10Seconds) {
                    failedRounds++;
                }
                n++;
            }
            attack.shutdownNow();
            attack.awaitTermination(5, TimeUnit.SECONDS);

            assertThat(signInAndChatMillis).as("rounds that signed in and chatted").isNotEmpty();
            List<Long> sorted = signInAndChatMillis.stream().sorted().toList();
            long errors = serverOutput.stream().filter(line -> line.contains("OutOfMemoryError")).count();
            log.info("FIGURE amplification (-Xmx256m, {} stalled guests, {} history requests, {} guest connections): "
                            + "peak heap {} MiB; {} sign-in+chat rounds ({} without an answer in 10 s), median {} ms, max {} ms; "
                            + "{} OutOfMemoryError lines",
                    GUESTS, requests.get(), guests.get(), peakHeap.get() / (1024 * 1024), n, failedRounds,
                    sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), errors);
            assertThat(errors).as("OutOfMemoryError in the server's output").isZero();
            assertThat(server.isAlive()).isTrue();
            assertThat(failedRounds).as("sign-in rounds that got no answer").isLessThanOrEqualTo(n / 10);
            assertThat(sorted.get(sorted.size() / 2)).as("median sign-in + chat ms").isLessThan(2_000);
        } finally {
            log.info("Server output, last lines:\n{}", String.join("\n",
                    serverOutput.subList(Math.max(0, serverOutput.size() - 30), serverOutput.size())));
            attack.shutdownNow();
            stalled.forEach(StalledClient::release);
            stalled.forEach(StalledClient::close);
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Process startServer() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(dev.parley.server.support.TestDatabases.serverArgs(data.resolve("room"),
                java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.parley.server.ServerMain", "--host", "127.0.0.1", "--port", "0", "--voice-port", "0",
                "--http-port", "0", "--name", "amplified", "--data", data.resolve("room").toString()))
                .redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    serverOutput.add(line);
                }
            } catch (IOException e) {
                log.debug("server output ended: {}", e.toString());
            }
        }, "amplified-server-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private int awaitPort(Pattern pattern) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> serverOutput.stream()
                .map(pattern::matcher).filter(Matcher::find).map(m -> Integer.parseInt(m.group(1))).findFirst()
                .orElse(-1), port -> port > 0);
    }

    /** A hundred messages whose JSON is twice their length: one history page is ~800 KB. */
    private static void seedLargeHistory(int port) throws Exception {
        String heavy = "\"\\".repeat(2_000);
        List<TestClient> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            TestClient writer = TestClient.helloFrom("127.0.0.8", port);
            writer.expect(new Session.GuestJoin("writer" + w, null), Session.AuthOk.class);
            writers.add(writer);
        }
        // Pipelined (within the request burst), so a slow moment on a busy machine delays all replies
        // together instead of failing one wait.
        List<List<String>> ids = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(writers.get(w).send(new Chat.Send(1L, null, heavy, "seed" + w + "-" + i, null)));
            }
            ids.add(sent);
        }
        for (int w = 0; w < writers.size(); w++) {
            for (String id : ids.get(w)) {
                assertThat(writers.get(w).awaitReply(id)).isInstanceOf(Chat.Sent.class);
            }
        }
        writers.forEach(TestClient::close);
    }

    private static StalledClient stalledGuest(int port, AtomicInteger guests) throws InterruptedException {
        StalledClient client = new StalledClient(port);
        client.signInAsGuest("hoarder" + guests.incrementAndGet());
        return client;
    }

    private static long heapUsed(int httpPort) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/metrics")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher matcher = HEAP.matcher(body);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
