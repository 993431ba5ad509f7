package dev.parley.server.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.Tika;

/**
 * The media type of a file from its first bytes (Apache Tika core's magic numbers), never from the
 * name its sender gave it: a {@code .png} that is really an executable is stored as what it is.
 * Thread-safe ({@link Tika} is).
 */
public final class ContentSniffer {
    private final Tika tika = new Tika();

    public String mediaType(Path file) throws IOException {
        // An InputStream without a name: Tika then has nothing but the content to go by.
        try (InputStream in = Files.newInputStream(file)) {
            String type = tika.detect(in);
            return type == null || type.isBlank() ? "application/octet-stream" : type;
        }
    }
}
