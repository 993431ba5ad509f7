package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;
import java.util.regex.Pattern;

/**
 * A file attached to a chat message. {@code sha256} names the stored bytes (the same bytes are kept
 * once); {@code mediaType} was sniffed from the content by the server, never taken from the name.
 * {@code width}/{@code height} are set for images, and {@code thumbnail} says whether the server made
 * a small preview ({@code file.get} with {@code thumbnail: true}).
 */
public record FileInfo(String sha256, String name, long size, String mediaType, Integer width, Integer height,
                       boolean thumbnail) {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    public static final int MAX_NAME = 255;

    public FileInfo {
        Check.required(sha256, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw Check.invalid("sha256", "must be 64 lower-case hex digits");
        }
        Check.line(name, "name", 1, MAX_NAME);
        if (size < 0) {
            throw Check.invalid("size", "must not be negative");
        }
        Check.line(mediaType, "mediaType", 1, 100);
    }

    /** Whether the server sniffed an image type (then {@code width}/{@code height} are known). */
    public boolean image() {
        return mediaType.startsWith("image/") && width != null && height != null;
    }
}
