package dev.parley.container;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The image's health check: asks the server's {@code GET /health} on this container's loopback and exits
 * 0 when it answers 200, 1 otherwise (what Docker and compose expect). The image has no shell, curl or
 * wget, so the check is Java too; it needs only java.base. The port is the first argument, else
 * {@code PARLEY_HTTP_PORT}, else 7721.
 */
public final class HealthProbe {
    private HealthProbe() {
    }

    public static void main(String[] args) {
        String port = args.length > 0 ? args[0] : System.getenv().getOrDefault("PARLEY_HTTP_PORT", "7721");
        Answer answer;
        try {
            answer = check(Integer.parseInt(port.trim()));
        } catch (NumberFormatException e) {
            answer = new Answer(false, "health: not a port: " + port);
        }
        (answer.healthy() ? System.out : System.err).println(answer.line());
        System.exit(answer.healthy() ? 0 : 1);
    }

    /** What the probe found: healthy when the room answered /health with 200 within 3 s; the line says what it saw. */
    record Answer(boolean healthy, String line) {
    }

    static Answer check(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL()
                    .openConnection();
            connection.setConnectTimeout(3_000);
            connection.setReadTimeout(3_000);
            int code = connection.getResponseCode();
            try (InputStream body = code >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                String text = body == null ? "" : new String(body.readNBytes(512), StandardCharsets.UTF_8);
                return new Answer(code == 200, "health: " + code + " " + text);
            }
        } catch (IOException e) {
            return new Answer(false, "health: no answer on port " + port + ": " + e);
        }
    }
}
