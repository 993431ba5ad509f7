package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.protocol.control.message.Chat;
import dev.parley.server.support.Rooms;
import dev.parley.server.support.Rooms.SignedIn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HttpEndpointTest {
    @TempDir
    Path data;
    final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(ParleyServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthSaysOk() throws Exception {
        try (ParleyServer server = ParleyServer.start(Rooms.config(data).roomName("LAN \"party\"").build())) {
            HttpResponse<String> health = get(server, "/health");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(health.body()).startsWith("{\"status\":\"ok\",\"room\":\"LAN \\\"party\\\"\"");
        }
    }

    @Test
    void metricsCountConnectionsUsersChannelsAndMessages() throws Exception {
        try (ParleyServer server = Rooms.start(data); SignedIn ann = Rooms.register(server, "ann");
             SignedIn bob = Rooms.register(server, "bob")) {
            for (int i = 0; i < 3; i++) {
                ann.client().expect(new Chat.Send(1L, null, "m" + i, "n" + i, null), Chat.Sent.class);
            }

            String metrics = get(server, "/metrics").body();
            assertThat(metrics).contains("parley_connections 2\n", "parley_users_online 2\n", "parley_channels 1\n",
                    "parley_messages_stored_total 3\n", "# TYPE parley_messages_per_second gauge\n");
            await().until(() -> !get(server, "/metrics").body().contains("parley_messages_per_second 0\n"));
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        try (ParleyServer server = Rooms.start(data)) {
            assertThat(get(server, "/healthz").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.httpPort() + "/health"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }
}
