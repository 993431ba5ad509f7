package dev.parley.client.core.search;

import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides on this client whether a message (already opened) matches a {@code chat.search} query, for the
 * conversations the room cannot search: end-to-end encrypted channels. It mirrors the simple part of the
 * room's rules (PROTOCOL §19): the text is cut into bare words and {@code "quoted phrases"} the same way; every
 * word must occur, any order, any case; a phrase's words must occur in that order; a part with no word in it
 * (only punctuation) constrains nothing, but a text with no word at all finds nothing; no query syntax.
 * Words are runs of letters, digits and combining marks, lower-cased: close to, not exactly, Lucene's
 * Unicode segmentation (it keeps {@code don't} and {@code 3.14} as one word, this splits them; both sides are
 * split alike, so such words still match). The other fields (who wrote it, dates, has a file) filter as the
 * room's do, and a deleted message is never found. Immutable; thread-safe.
 */
public final class MessageMatcher implements Predicate<ChatMessage> {
    /** The room's split of the text into parts: a quoted phrase, or a run of anything but spaces. */
    private static final Pattern PART = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private final Search.Query query;
    /** Each one a run of words that must occur in this order; a bare part's words are one-word runs. */
    private final List<List<String>> runs;
    private final boolean findsNothing;

    private MessageMatcher(Search.Query query) {
        this.query = query;
        List<List<String>> found = new ArrayList<>();
        String text = query.text();
        Matcher parts = PART.matcher(text == null ? "" : text);
        while (parts.find()) {
            if (parts.group(1) != null) {
                List<String> phrase = words(parts.group(1));
                if (!phrase.isEmpty()) {
                    found.add(phrase);
                }
            } else {
                words(parts.group(2)).forEach(word -> found.add(List.of(word)));
            }
        }
        this.runs = List.copyOf(found);
        this.findsNothing = text != null && found.isEmpty();
    }

    /** The matcher for {@code query}'s text and filters; its paging fields ({@code beforeId}, {@code limit}) are not its business. */
    public static MessageMatcher of(Search.Query query) {
        return new MessageMatcher(query);
    }

    /** Whether {@code message}, as it reads here, is one the room would find for this query. */
    @Override
    public boolean test(ChatMessage message) {
        if (findsNothing || message.deleted()) {
            return false;
        }
        if (query.fromUserId() != null && message.authorId() != query.fromUserId()) {
            return false;
        }
        if (query.after() != null && message.ts() < query.after()) {
            return false;
        }
        if (query.before() != null && message.ts() >= query.before()) {
            return false;
        }
        if (Boolean.TRUE.equals(query.hasFile()) && message.file() == null) {
            return false;
        }
        if (runs.isEmpty()) {
            return true;
        }
        List<String> words = words(message.text());
        return runs.stream().allMatch(run -> Collections.indexOfSubList(words, run) >= 0);
    }

    /** The lower-cased words the query looks for, phrases' words included: what a snippet highlights. */
    public Set<String> terms() {
        Set<String> terms = new HashSet<>();
        runs.forEach(terms::addAll);
        return terms;
    }

    /** The words of {@code text}, lower-cased, in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            if (i > start) {
                words.add(text.substring(start, i).toLowerCase(Locale.ROOT));
            } else {
                i += Character.charCount(text.codePointAt(i));
            }
        }
        return words;
    }

    private static boolean isWordChar(int codePoint) {
        return Character.isLetterOrDigit(codePoint) || Character.getType(codePoint) == Character.NON_SPACING_MARK;
    }
}
