package dev.parley.client.core.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes an export where the user asked: JSON for {@code .json}, Markdown otherwise; or both. Stateless. */
public final class ExportFiles {
    private ExportFiles() {
    }

    /**
     * Writes {@code export} to {@code target}: {@code .json} as JSON, {@code .md} as Markdown; a
     * name with neither gets both, {@code target.json} and {@code target.md}. Returns the files written.
     */
    public static List<Path> write(ChatExport export, Path target) {
        String name = target.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            if (name.endsWith(".json")) {
                Files.writeString(target, export.toJson(), StandardCharsets.UTF_8);
                return List.of(target);
            }
            if (name.endsWith(".md") || name.endsWith(".markdown")) {
                Files.writeString(target, MarkdownExport.render(export), StandardCharsets.UTF_8);
                return List.of(target);
            }
            Path json = target.resolveSibling(target.getFileName() + ".json");
            Path markdown = target.resolveSibling(target.getFileName() + ".md");
            Files.writeString(json, export.toJson(), StandardCharsets.UTF_8);
            Files.writeString(markdown, MarkdownExport.render(export), StandardCharsets.UTF_8);
            return List.of(json, markdown);
        } catch (IOException e) {
            throw new ExportException("could not write " + target + ": " + e.getMessage(), e);
        }
    }
}
