package dev.parley.client.core.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an export where the user asked: JSON for {@code .json}, Markdown for {@code .md}, a
 * self-contained HTML page for {@code .html}; a name with none of these gets all three. Stateless.
 */
public final class ExportFiles {
    private ExportFiles() {
    }

    /**
     * Writes {@code export} to {@code target} in the format its extension names; a name without one
     * gets {@code target.json}, {@code target.md} and {@code target.html}. Returns the files written.
     */
    public static List<Path> write(ChatExport export, Path target) {
        ExportNames.Format format = ExportNames.formatOf(target);
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            if (format != null) {
                Files.writeString(target, render(export, format), StandardCharsets.UTF_8);
                return List.of(target);
            }
            List<Path> written = new ArrayList<>();
            for (ExportNames.Format each : ExportNames.Format.values()) {
                Path file = target.resolveSibling(target.getFileName() + each.extension());
                Files.writeString(file, render(export, each), StandardCharsets.UTF_8);
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new ExportException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    static String render(ChatExport export, ExportNames.Format format) {
        return switch (format) {
            case JSON -> export.toJson();
            case MARKDOWN -> MarkdownExport.render(export);
            case HTML -> HtmlExport.render(export);
        };
    }
}
