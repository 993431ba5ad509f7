package dev.parley.client.ui.chat;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * @-mention completion: finds the "@prefix" being typed before the caret and the names it could be,
 * and writes the chosen one in. Pure, any thread.
 */
public final class MentionCompleter {
    static final int MAX_SUGGESTIONS = 6;

    /** The "@prefix" before the caret: where the "@" is and what follows it. */
    public record Partial(int at, String prefix) {
    }

    private MentionCompleter() {
    }

    /** The mention being typed, if the word before the caret starts with "@" (after a space or at the start). */
    public static Optional<Partial> partial(String text, int caret) {
        if (text == null || caret < 1 || caret > text.length()) {
            return Optional.empty();
        }
        int start = caret;
        while (start > 0 && !Character.isWhitespace(text.charAt(start - 1)) && text.charAt(start - 1) != '@') {
            start--;
        }
        int at = start - 1;
        if (at < 0 || text.charAt(at) != '@' || (at > 0 && !Character.isWhitespace(text.charAt(at - 1)))) {
            return Optional.empty();
        }
        return Optional.of(new Partial(at, text.substring(start, caret)));
    }

    /** Names starting with the prefix (ignoring case), shortest first, at most {@value #MAX_SUGGESTIONS}. */
    public static List<String> suggestions(Partial partial, Collection<String> names) {
        String prefix = partial.prefix().toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(prefix))
                .distinct()
                .sorted(java.util.Comparator.comparingInt(String::length).thenComparing(String.CASE_INSENSITIVE_ORDER))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /** The text with the partial mention replaced by "@name " (the caret goes after the space). */
    public static String complete(String text, int caret, Partial partial, String name) {
        return text.substring(0, partial.at()) + "@" + name + " " + text.substring(caret);
    }
}
