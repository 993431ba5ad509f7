package dev.parley.client.core.crash;

import static dev.parley.client.core.support.Clients.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.OutgoingMessage;
import dev.parley.client.core.net.ServerTrust;
import dev.parley.client.core.support.Clients;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the room with SIGKILL in the middle of a chat flood and starts it again on the same data
 * folder and port: nothing the server acknowledged is lost, nothing is stored twice, and what was
 * not acknowledged is resent by the clients (same nonce) and stored exactly once.
 */
@Timeout(180)
class CrashSafetyTest {
    private static final Logger log = LoggerFactory.getLogger(CrashSafetyTest.class);
    static final int CLIENTS = 4;
    static final int MESSAGES_EACH = 80;

    @TempDir
    Path data;
    final List<ControlClient> clients = new CopyOnWriteArrayList<>();
    ServerProcess server;

    @AfterEach
    void stop() throws Exception {
        clients.forEach(ControlClient::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acknowledgedMessagesSurviveAKillAndTheRestArriveExactlyOnce() throws Exception {
        int port = ServerProcess.freePort();
        server = ServerProcess.start(data, port);
        // The headless way in: trust exactly the fingerprint the host printed.
        ServerTrust trust = new ServerTrust(KnownServers.inMemory(), FingerprintDecision.trustOnly(server.fingerprint()));
        // Durability, not latency: a cold child JVM's first Argon2 registrations took over FAST's 5 s once on CI.
        ClientConfig config = Clients.FAST.withOutboxCapacity(MESSAGES_EACH + 10)
                .withRequestTimeout(java.time.Duration.ofSeconds(20));
        long lobby = 0;
        for (int i = 0; i < CLIENTS; i++) {
            ControlClient client = new ControlClient(ControlClient.address("127.0.0.1", port), config, trust);
            clients.add(client);
            lobby = Clients.signIn(client, new Credentials.Register("user" + i, PASSWORD, null)).channelId();
        }

        List<OutgoingMessage> sent = new ArrayList<>();
        for (int n = 0; n < MESSAGES_EACH; n++) {
            for (int i = 0; i < CLIENTS; i++) {
                sent.add(clients.get(i).sendMessage(Conversation.channel(lobby), "user" + i + " #" + n, null));
            }
        }
        int total = sent.size();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1))
                .until(() -> acknowledged(sent).size() >= total / 4);
        server.kill();
        // Acks already on their way were sent before the kill: let the clients read them first.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> clients.stream().allMatch(c -> c.status().state() == ConnectionState.RECONNECTING));
        Set<String> acknowledgedBeforeKill = acknowledged(sent);
        assertThat(acknowledgedBeforeKill).hasSizeLessThan(total);

        server = ServerProcess.start(data, port);
        await().atMost(Duration.ofSeconds(120)).until(() -> sent.stream().allMatch(m -> m.delivered().isDone()));

        assertThat(sent).allSatisfy(m -> assertThat(m.delivered()).isCompleted());
        List<ChatMessage> history = history(clients.get(0), lobby);
        log.info("History after restart: {} messages, ids {}..{}; {} sent, {} acknowledged before the kill", history.size(),
                history.stream().mapToLong(ChatMessage::id).min().orElse(-1),
                history.stream().mapToLong(ChatMessage::id).max().orElse(-1), total, acknowledgedBeforeKill.size());
        Map<String, Long> storedPerNonce = history.stream()
                .collect(Collectors.groupingBy(ChatMessage::nonce, Collectors.counting()));
        assertThat(storedPerNonce.values()).as("no message stored twice").allMatch(count -> count == 1);
        assertThat(storedPerNonce.keySet()).as("every acknowledged message kept").containsAll(acknowledgedBeforeKill);
        assertThat(storedPerNonce.keySet()).as("every message arrives once")
                .containsExactlyInAnyOrderElementsOf(sent.stream().map(OutgoingMessage::nonce).toList());
        Map<String, ChatMessage> byNonce = history.stream().collect(Collectors.toMap(ChatMessage::nonce, Function.identity()));
        assertThat(sent).allSatisfy(m -> assertThat(m.delivered().join().id()).isEqualTo(byNonce.get(m.nonce()).id()));
        log.info("Crash test: {} messages, {} acknowledged before SIGKILL, {} unacknowledged then and delivered after the restart",
                total, acknowledgedBeforeKill.size(), total - acknowledgedBeforeKill.size());
    }

    private static Set<String> acknowledged(List<OutgoingMessage> sent) {
        return sent.stream().filter(m -> m.delivered().isDone() && !m.delivered().isCompletedExceptionally())
                .map(OutgoingMessage::nonce).collect(Collectors.toSet());
    }

    private static List<ChatMessage> history(ControlClient client, long channel) throws Exception {
        List<ChatMessage> all = new ArrayList<>();
        Long before = null;
        while (true) {
            Chat.Page page = Clients.await(client.request(new Chat.History(channel, null, before, null), Chat.Page.class));
            all.addAll(page.messages());
            if (!page.hasMore() || page.messages().isEmpty()) {
                return all;
            }
            before = page.messages().stream().mapToLong(ChatMessage::id).min().orElseThrow();
        }
    }
}
