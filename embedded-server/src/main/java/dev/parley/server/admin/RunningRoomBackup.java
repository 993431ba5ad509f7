package dev.parley.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.server.ServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Asks a running room for a backup through the URL and token it left in its data folder. */
final class RunningRoomBackup {
    private RunningRoomBackup() {
    }

    /**
     * The backup the room wrote, or empty when nothing answers at that URL (the room crashed and left
     * the file behind): then the data folder can be read directly.
     */
    static Optional<Path> ask(Path endpointFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(endpointFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerException("Cannot read " + endpointFile + ": " + e.getMessage(), e);
        }
        if (lines.size() < 2) {
            throw new ServerException(endpointFile + " is damaged; restart the room to write it again.");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(lines.get(0).strip()))
                .timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + lines.get(1).strip())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ServerException("The running room did not answer the backup request: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("interrupted while waiting for the backup", e);
        }
        if (response.statusCode() != 200) {
            throw new ServerException("The running room refused the backup (HTTP " + response.statusCode() + ").");
        }
        try {
            JsonNode answer = new ObjectMapper().readTree(response.body());
            return Optional.of(Path.of(answer.path("file").asText()));
        } catch (IOException e) {
            throw new ServerException("The running room's answer was not understood: " + response.body(), e);
        }
    }
}
