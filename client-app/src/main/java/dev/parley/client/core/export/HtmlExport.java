package dev.parley.client.core.export;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.control.model.ReactionCount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A readable, self-contained HTML page of a {@link ChatExport}: one file with its own style, no
 * script and nothing fetched from anywhere (a Content-Security-Policy says so to the browser too), the
 * messages under a separator per day, each with author, time, edits, deletions, replies, reactions, and
 * its file: an image shown inline and any file linked, both by relative path into the export's
 * {@code _files} folder. Every piece of text people typed (names, messages, file names, the room's name)
 * is escaped, in text and in attributes alike, so nothing they wrote can become markup. Times are UTC,
 * as in the Markdown. Stateless.
 */
public final class HtmlExport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    /** Scripts, frames, fonts and remote anything refused; only the page's own style and the export's images. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' file: data:";
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:52em;margin:2em auto;padding:0 1em;color:#1d1f24;background:#fff}
            header{border-bottom:1px solid #ccd;margin-bottom:1em}h1{font-size:1.4em;margin:.2em 0}.about{color:#667;font-size:.9em}
            .day{display:flex;align-items:center;gap:.8em;color:#667;font-size:.85em;margin:1.6em 0 .6em}
            .day::before,.day::after{content:"";flex:1;border-top:1px solid #dde}
            .message{margin:.5em 0;padding:.3em .5em;border-radius:6px}.message:target{background:#fff6d6}
            .meta{font-size:.85em;color:#667}.author{font-weight:600;color:#1d1f24}.guest{font-style:italic}
            .text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.15em 0}.deleted .text{color:#889;font-style:italic}
            .reply{font-size:.85em;color:#556}.reactions{font-size:.9em}.reactions span{border:1px solid #dde;border-radius:1em;padding:0 .5em;margin-right:.3em}
            .file{margin:.3em 0}.file img{max-width:100%;height:auto;max-height:24em;width:auto;border:1px solid #dde;border-radius:4px;display:block}
            .missing{color:#a33}a{color:#2456b5}
            @media (prefers-color-scheme:dark){body{background:#1b1d22;color:#e4e6eb}.author{color:#e4e6eb}.message:target{background:#3a3320}a{color:#8ab4ff}}
            """;

    private HtmlExport() {
    }

    public static String render(ChatExport export) {
        StringBuilder out = new StringBuilder(4096 + export.messages().size() * 256);
        String title = export.conversation().title() + (export.room() != null ? " — " + export.room() : "");
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Parley (").append(ChatExport.FORMAT).append(")\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<header>\n<h1>").append(escape(title)).append("</h1>\n<p class=\"about\">Exported ")
                .append(FULL.format(Instant.ofEpochMilli(export.exportedAt()))).append(" UTC");
        if (export.exportedBy() != null) {
            out.append(" by ").append(escape(export.exportedBy()));
        }
        int count = export.messages().size();
        out.append(" · ").append(count).append(count == 1 ? " message" : " messages").append(" · times are UTC</p>\n</header>\n<main>\n");
        LocalDate day = null;
        for (ChatMessage message : export.messages()) {
            LocalDate messageDay = Instant.ofEpochMilli(message.ts()).atZone(ZoneOffset.UTC).toLocalDate();
            if (!messageDay.equals(day)) {
                day = messageDay;
                out.append("<h2 class=\"day\">").append(DAY.format(day)).append("</h2>\n");
            }
            message(out, export, message);
        }
        if (count == 0) {
            out.append("<p class=\"about\">No messages.</p>\n");
        }
        return out.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void message(StringBuilder out, ChatExport export, ChatMessage message) {
        out.append("<article class=\"message").append(message.deleted() ? " deleted" : "").append("\" id=\"m")
                .append(message.id()).append("\">\n<div class=\"meta\"><span class=\"author")
                .append(message.authorGuest() ? " guest" : "").append("\">").append(escape(message.authorName()))
                .append("</span>").append(message.authorGuest() ? " (guest)" : "")
                .append(" · <time datetime=\"").append(Instant.ofEpochMilli(message.ts())).append("\" title=\"")
                .append(FULL.format(Instant.ofEpochMilli(message.ts()))).append(" UTC\">")
                .append(TIME.format(Instant.ofEpochMilli(message.ts()))).append("</time>")
                .append(" · <a href=\"#m").append(message.id()).append("\">#").append(message.id()).append("</a>");
        if (message.editedTs() != null) {
            out.append(" · <span class=\"edited\" title=\"edited ").append(FULL.format(Instant.ofEpochMilli(message.editedTs())))
                    .append(" UTC\">edited</span>");
        }
        out.append("</div>\n");
        if (message.replyTo() != null) {
            out.append("<div class=\"reply\">↪ in reply to <a href=\"#m").append(message.replyTo()).append("\">#")
                    .append(message.replyTo()).append("</a></div>\n");
        }
        if (message.deleted()) {
            out.append("<p class=\"text\">(deleted)</p>\n");
        } else {
            if (!message.text().isEmpty()) {
                out.append("<p class=\"text\">").append(escape(message.text())).append("</p>\n");
            }
            if (message.file() != null) {
                file(out, export, message);
            }
        }
        if (!message.reactions().isEmpty()) {
            out.append("<div class=\"reactions\">");
            for (ReactionCount reaction : message.reactions()) {
                out.append("<span>").append(escape(reaction.emoji())).append(' ').append(reaction.count()).append("</span>");
            }
            out.append("</div>\n");
        }
        out.append("</article>\n");
    }

    private static void file(StringBuilder out, ChatExport export, ChatMessage message) {
        FileInfo file = message.file();
        String about = escape(file.name()) + " · " + Sizes.human(file.size());
        out.append("<div class=\"file\">");
        export.fileOf(message.id()).ifPresentOrElse(saved -> {
            if (!saved.isSaved()) {
                out.append("📎 ").append(about).append(" <span class=\"missing\">— not included: ")
                        .append(escape(saved.error())).append("</span>");
                return;
            }
            String href = escape(ExportNames.link(saved.path()));
            if (file.image()) {
                out.append("<a href=\"").append(href).append("\"><img src=\"").append(href).append("\" alt=\"")
                        .append(escape(file.name())).append("\" width=\"").append(file.width()).append("\" height=\"")
                        .append(file.height()).append("\"></a>");
            }
            out.append("📎 <a href=\"").append(href).append("\">").append(about).append("</a>");
        }, () -> out.append("📎 ").append(about).append(" <span class=\"about\">(file not exported)</span>"));
        out.append("</div>\n");
    }

    /** Text as itself, in element content and in quoted attributes alike. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters other than tab and newline have no place in a page; U+FFFD shows one was there.
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
