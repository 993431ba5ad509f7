package dev.parley.client.ui.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little formatting chat understands: {@code **bold**}, {@code *italic*} or {@code _italic_},
 * {@code `code`} (nothing inside is formatted), lines starting with {@code > } as quotes, and links.
 * Markers that do not pair up stay as typed, so text is never lost. Pure, any thread.
 */
public final class ChatMarkup {
    /** How one run of text is drawn. */
    public enum Style { PLAIN, BOLD, ITALIC, CODE, QUOTE, LINK }

    /** A piece of a message with one style. */
    public record Run(String text, Style style) {
    }

    private static final Pattern INLINE = Pattern.compile(
            "`([^`\\n]+)`"                                   // 1 code
            + "|\\*\\*(?=\\S)([^*\\n]+?)(?<=\\S)\\*\\*"         // 2 bold
            + "|(?<![\\w*])\\*(?=[^\\s*])([^*\\n]+?)(?<=\\S)\\*(?![\\w*])" // 3 italic with *
            + "|(?<!\\w)_(?=\\S)([^_\\n]+?)(?<=\\S)_(?!\\w)"   // 4 italic with _
            + "|(https?://[^\\s<>\"]+)");                    // 5 link

    private ChatMarkup() {
    }

    public static List<Run> parse(String text) {
        List<Run> runs = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String end = i < lines.length - 1 ? "\n" : "";
            if (line.startsWith("> ") || line.equals(">")) {
                runs.add(new Run(line.substring(Math.min(2, line.length())) + end, Style.QUOTE));
            } else {
                inline(line + end, runs);
            }
        }
        return merge(runs);
    }

    private static void inline(String line, List<Run> runs) {
        Matcher matcher = INLINE.matcher(line);
        int last = 0;
        while (matcher.find()) {
            if (matcher.start() > last) {
                runs.add(new Run(line.substring(last, matcher.start()), Style.PLAIN));
            }
            if (matcher.group(1) != null) {
                runs.add(new Run(matcher.group(1), Style.CODE));
            } else if (matcher.group(2) != null) {
                runs.add(new Run(matcher.group(2), Style.BOLD));
            } else if (matcher.group(3) != null) {
                runs.add(new Run(matcher.group(3), Style.ITALIC));
            } else if (matcher.group(4) != null) {
                runs.add(new Run(matcher.group(4), Style.ITALIC));
            } else {
                runs.add(new Run(matcher.group(5), Style.LINK));
            }
            last = matcher.end();
        }
        if (last < line.length()) {
            runs.add(new Run(line.substring(last), Style.PLAIN));
        }
    }

    /** Neighbouring plain runs become one (fewer nodes to draw). */
    private static List<Run> merge(List<Run> runs) {
        List<Run> merged = new ArrayList<>();
        for (Run run : runs) {
            int lastIndex = merged.size() - 1;
            if (lastIndex >= 0 && run.style() == Style.PLAIN && merged.get(lastIndex).style() == Style.PLAIN) {
                merged.set(lastIndex, new Run(merged.get(lastIndex).text() + run.text(), Style.PLAIN));
            } else if (!run.text().isEmpty()) {
                merged.add(run);
            }
        }
        return merged;
    }
}
