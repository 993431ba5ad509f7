package dev.parley.client.core.export;

import dev.parley.platform.SafeFileNames;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Names of what an export writes: the formats a target name asks for, the {@code <name>_files} folder
 * beside it, portable names for the saved files (never the name someone typed as is: it could be
 * {@code ../../.bashrc} or {@code CON}), and relative links to them that survive any viewer. Pure.
 */
public final class ExportNames {
    /** The formats an export is written in. */
    public enum Format {
        JSON(".json"), MARKDOWN(".md"), HTML(".html");

        private final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public String extension() {
            return extension;
        }
    }

    private ExportNames() {
    }

    /** The format a file name asks for by its extension; null for a name without a known one (then all are written). */
    public static Format formatOf(Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return Format.MARKDOWN;
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.HTML;
        }
        return null;
    }

    /** {@code lobby.html} and {@code lobby} both keep their files in {@code lobby_files} beside them. */
    public static Path filesFolder(Path target) {
        String name = target.getFileName().toString();
        String stem = formatOf(target) == null ? name : name.substring(0, name.lastIndexOf('.'));
        return target.toAbsolutePath().resolveSibling(stem + "_files");
    }

    /**
     * A portable, unique name for message {@code messageId}'s file called {@code original}:
     * {@code 12-summer-photo.jpg} for {@code Summer Photo.JPG}.
     */
    public static String savedName(long messageId, String name) {
        // Only the last part of a name that looks like a path ("../../etc/passwd" is saved as "passwd").
        String original = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        int dot = original.lastIndexOf('.');
        String stem = dot > 0 ? original.substring(0, dot) : original;
        String extension = dot > 0 ? SafeFileNames.slug(original.substring(dot + 1), "") : "";
        if (extension.length() > 10) {
            extension = "";
        }
        String saved = messageId + "-" + SafeFileNames.slug(stem, "file") + (extension.isEmpty() ? "" : "." + extension);
        if (!SafeFileNames.isPortable(saved)) {
            throw new IllegalStateException("not a portable name: " + saved);
        }
        return saved;
    }

    /** The {@code /}-separated path of a saved file, relative to the export file. */
    public static String relative(Path folder, String savedName) {
        return folder.getFileName() + "/" + savedName;
    }

    /** A relative path as a link target: each part percent-encoded, so spaces and {@code #} stay part of the name. */
    public static String link(String relativePath) {
        return Stream.of(relativePath.split("/"))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
    }
}
