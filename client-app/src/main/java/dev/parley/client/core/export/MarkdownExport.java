package dev.parley.client.core.export;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.control.model.ReactionCount;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A readable Markdown rendering of a {@link ChatExport}: a heading, then one entry per message with
 * author, time (UTC), edits, replies and reactions. Message text is quoted and escaped so that what
 * someone typed never turns into HTML or headings in the viewer. Stateless.
 */
public final class MarkdownExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private MarkdownExport() {
    }

    public static String render(ChatExport export) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(escape(export.conversation().title()));
        if (export.room() != null) {
            out.append(" — ").append(escape(export.room()));
        }
        out.append("\n\nExported ").append(TIME.format(Instant.ofEpochMilli(export.exportedAt()))).append(" UTC");
        if (export.exportedBy() != null) {
            out.append(" by ").append(escape(export.exportedBy()));
        }
        out.append(", ").append(export.messages().size()).append(export.messages().size() == 1 ? " message" : " messages")
                .append(". Times are UTC.\n");
        for (ChatMessage message : export.messages()) {
            out.append("\n---\n\n<a id=\"m").append(message.id()).append("\"></a>**")
                    .append(escape(message.authorName())).append("**")
                    .append(message.authorGuest() ? " (guest)" : "")
                    .append(" · ").append(TIME.format(Instant.ofEpochMilli(message.ts())))
                    .append(" · #").append(message.id());
            if (message.editedTs() != null) {
                out.append(" · edited");
            }
            out.append("\n\n");
            if (message.replyTo() != null) {
                out.append("↪ in reply to [#").append(message.replyTo()).append("](#m").append(message.replyTo()).append(")\n\n");
            }
            if (message.deleted()) {
                out.append("*(deleted)*\n");
            } else {
                message.text().lines().forEach(line -> out.append("> ").append(escape(line)).append('\n'));
                if (message.file() != null) {
                    out.append(message.text().isEmpty() ? "" : "\n").append(file(export, message)).append('\n');
                }
            }
            if (!message.reactions().isEmpty()) {
                out.append("\n").append(message.reactions().stream()
                        .map(MarkdownExport::reaction).collect(Collectors.joining(" "))).append('\n');
            }
        }
        return out.toString();
    }

    /** The message's file: the image shown, a link to the saved file, or why it is not in the export. */
    private static String file(ChatExport export, ChatMessage message) {
        FileInfo file = message.file();
        String about = escape(file.name()) + " · " + Sizes.human(file.size());
        return export.fileOf(message.id()).map(saved -> {
            if (!saved.isSaved()) {
                return "📎 " + about + " — not included: " + escape(saved.error());
            }
            String link = ExportNames.link(saved.path());
            return file.image() ? "![" + escape(file.name()) + "](" + link + ")\n\n📎 [" + about + "](" + link + ")"
                    : "📎 [" + about + "](" + link + ")";
        }).orElse("📎 " + about + " (file not exported)");
    }

    private static String reaction(ReactionCount reaction) {
        return escape(reaction.emoji()) + " " + reaction.count();
    }

    /** Text as itself: no HTML, links, emphasis or headings from what people typed. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\\', '`', '*', '_', '[', ']', '#', '|', '!' -> out.append('\\').append(c);
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
