package dev.parley.server.attack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 11 item 6: connections to the health port that send one byte and then nothing (slowloris)
 * used to stop /health and /metrics for as long as they stayed open.
 */
@Timeout(60)
class SlowlorisTest {
    private static final Logger log = LoggerFactory.getLogger(SlowlorisTest.class);
    private static final int SLOW_CONNECTIONS = 100;

    @TempDir
    Path data;

    @Test
    void healthAnswersFastWhileSlowConnectionsHang() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                    Socket socket = new Socket();
                    socket.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 2_000);
                    OutputStream out = socket.getOutputStream();
                    out.write("G".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    slow.add(socket);
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    long t0 = System.nanoTime();
                    for (String path : new String[] {"/health", "/metrics"}) {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + server.httpPort() + path))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).as(path).isEqualTo(200);
                    }
                    millis.add((System.nanoTime() - t0) / 1_000_000);
                }
                log.info("FIGURE slowloris: /health + /metrics with {} one-byte connections open took {} ms each round",
                        SLOW_CONNECTIONS, millis);
                assertThat(millis.stream().sorted().toList().get(2)).as("median ms").isLessThan(2_000);
            } finally {
                for (Socket socket : slow) {
                    closeQuietly(socket);
                }
            }
        }
    }

    @Test
    void healthAndMetricsListenOnLoopbackUnlessToldOtherwise() {
        assertThat(dev.parley.server.ServerConfig.builder(data).build().httpHost()).isEqualTo("127.0.0.1");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("close: {}", e.toString());
        }
    }
}
