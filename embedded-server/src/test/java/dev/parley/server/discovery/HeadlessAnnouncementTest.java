package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.auth.AuthHandlers;
import dev.parley.server.support.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless server ({@code ServerMain}, its own JVM, as {@code ./parley server} runs it) announces
 * its room by default, keeps the users online current and withdraws it when stopped. It listens on
 * 127.0.0.1, so it announces on loopback only; the browser binds 127.0.0.1 only.
 */
class HeadlessAnnouncementTest {
    private static final Pattern PORT = Pattern.compile("wss://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern VOICE = Pattern.compile("voice udp (\\d+)");
    private static final Pattern FINGERPRINT = Pattern.compile("Certificate fingerprint \\(SHA-256\\): ([0-9A-F:]+)");

    @TempDir
    Path data;

    private final List<String> output = new CopyOnWriteArrayList<>();

    @Test
    void headlessRoomIsAnnouncedWithItsDetailsFollowsUsersAndIsWithdrawnOnShutdown() throws Exception {
        String name = "Headless " + UUID.randomUUID().toString().substring(0, 8);
        Process server = start(name);
        try (LoopbackBrowser browser = new LoopbackBrowser()) {
            int port = awaitOutput(PORT);
            int voicePort = awaitOutput(VOICE);
            Fingerprint fingerprint = Fingerprint.parse(awaitLine(FINGERPRINT).group(1));
            assertThat(output).anyMatch(line -> line.startsWith("Announcing on the local network ([127.0.0.1])"));

            DiscoveredRoom room = browser.awaitRooms(name, rooms -> rooms.size() == 1).get(0);
            assertThat(room.roomName()).isEqualTo(name);
            assertThat(room.host()).isEqualTo("127.0.0.1");
            assertThat(room.port()).isEqualTo(port);
            assertThat(room.announcement().voicePort()).isEqualTo(voicePort).isNotEqualTo(port);
            assertThat(room.fingerprint()).isEqualTo(fingerprint);
            assertThat(room.passwordRequired()).isTrue();
            assertThat(room.usersOnline()).isZero();
            assertThat(room.announcement().protocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
            assertThat(room.announcement().appVersion()).isEqualTo(AuthHandlers.VERSION);

            TestClient ann = guest(port, "ann");
            TestClient bob = guest(port, "bob");
            browser.awaitRooms(name, rooms -> rooms.size() == 1 && rooms.get(0).usersOnline() == 2);
            bob.close();
            browser.awaitRooms(name, rooms -> rooms.size() == 1 && rooms.get(0).usersOnline() == 1);
            ann.close();

            server.destroy(); // SIGTERM: the shutdown hook withdraws the announcement, then stops the room
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            browser.awaitRooms(name, List::isEmpty);
        } finally {
            if (server.isAlive()) {
                server.destroyForcibly();
            }
        }
    }

    private static TestClient guest(int port, String nickname) throws InterruptedException {
        TestClient client = TestClient.hello(port);
        client.expect(new Session.GuestJoin(nickname, "lan secret"), Session.AuthOk.class);
        return client;
    }

    private Process start(String name) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.parley.server.ServerMain", "--host", "127.0.0.1", "--port", "0", "--voice-port", "0",
                "--http-port", "-1", "--name", name, "--data", data.resolve("room").toString())
                .redirectErrorStream(true);
        builder.environment().put("PARLEY_SERVER_PASSWORD", "lan secret");
        Process process = builder.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output ended: " + e + ")");
            }
        }, "headless-server-output");
        reader.setDaemon(true);
        reader.start();
        return process;
    }

    private Matcher awaitLine(Pattern pattern) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> output.stream().map(pattern::matcher)
                .filter(Matcher::find).findFirst().orElse(null), matcher -> matcher != null);
    }

    private int awaitOutput(Pattern pattern) {
        return Integer.parseInt(awaitLine(pattern).group(1));
    }
}
