package dev.parley.client.ui.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A search result's snippet: the part of a message around its first hit, split into runs with the
 * searched words marked, so the panel can draw them highlighted. Words are compared the way the room
 * matches them (letters and digits, any case); a phrase highlights its words. Pure: any thread.
 */
public final class Snippets {
    /** About this many characters of a long message are shown around the first hit. */
    static final int WINDOW = 140;

    /** One piece of the snippet; {@code hit} pieces are searched words. */
    public record Run(String text, boolean hit) {
    }

    private Snippets() {
    }

    /** The lower-cased words of a query, phrases' words included ({@code "a b" c} gives a, b, c). */
    public static Set<String> terms(String query) {
        Set<String> terms = new HashSet<>();
        if (query == null) {
            return terms;
        }
        int i = 0;
        while (i < query.length()) {
            int start = i;
            while (i < query.length() && isWordChar(query, i)) {
                i += Character.charCount(query.codePointAt(i));
            }
            if (i > start) {
                terms.add(query.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i += Character.charCount(query.codePointAt(i));
            }
        }
        return terms;
    }

    /** The snippet of {@code text} for {@code terms}: the whole text when short, else a window from just before the first hit. */
    public static List<Run> of(String text, Set<String> terms) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        List<int[]> hits = hits(oneLine, terms);
        int from = 0;
        int to = oneLine.length();
        if (oneLine.length() > WINDOW) {
            int first = hits.isEmpty() ? 0 : hits.get(0)[0];
            from = Math.max(0, first - WINDOW / 4);
            // start at a word
            while (from > 0 && from < first && oneLine.charAt(from - 1) != ' ') {
                from++;
            }
            to = Math.min(oneLine.length(), from + WINDOW);
        }
        List<Run> runs = new ArrayList<>();
        if (from > 0) {
            runs.add(new Run("…", false));
        }
        int at = from;
        for (int[] hit : hits) {
            if (hit[1] <= from || hit[0] >= to) {
                continue;
            }
            int start = Math.max(hit[0], from);
            int end = Math.min(hit[1], to);
            if (start > at) {
                runs.add(new Run(oneLine.substring(at, start), false));
            }
            runs.add(new Run(oneLine.substring(start, end), true));
            at = end;
        }
        if (at < to) {
            runs.add(new Run(oneLine.substring(at, to), false));
        }
        if (to < oneLine.length()) {
            runs.add(new Run("…", false));
        }
        return runs;
    }

    /** [start, end) of each word of {@code text} that is one of {@code terms}, in order. */
    private static List<int[]> hits(String text, Set<String> terms) {
        List<int[]> hits = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && isWordChar(text, i)) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                if (terms.contains(text.substring(start, i).toLowerCase(Locale.ROOT))) {
                    hits.add(new int[] {start, i});
                }
            } else {
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return hits;
    }

    private static boolean isWordChar(String text, int index) {
        int codePoint = text.codePointAt(index);
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK;
    }
}
