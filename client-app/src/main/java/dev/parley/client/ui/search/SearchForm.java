package dev.parley.client.ui.search;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Search;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the search panel's fields say, and the {@code chat.search} request they make. {@code within}
 * is the open conversation when the scope is "this channel / this DM", null for everything the user
 * may read; dates are whole local days, both included. Pure: any thread.
 */
public record SearchForm(String text, Conversation within, String fromName, LocalDate onOrAfter, LocalDate onOrBefore,
                         boolean hasFile) {

    /** A search the user asked for that cannot be made, in a sentence they understand. */
    public static final class Unusable extends Exception {
        public Unusable(String sentence) {
            super(sentence, null, false, false);
        }
    }

    /**
     * The request for one page.
     *
     * @param userIdByName finds an account by name in this room (empty: nobody of that name)
     * @param beforeId     continue after a previous page, null for the first
     */
    public Search.Query query(Function<String, Optional<Long>> userIdByName, ZoneId zone, Long beforeId, int limit)
            throws Unusable {
        String words = text == null || text.isBlank() ? null : text.strip();
        if (words != null && words.length() > Search.MAX_QUERY_TEXT) {
            throw new Unusable("That is too much to search for: keep it to " + Search.MAX_QUERY_TEXT + " characters.");
        }
        Long fromUserId = null;
        if (fromName != null && !fromName.isBlank()) {
            String name = fromName.strip().replaceFirst("^@", "");
            fromUserId = userIdByName.apply(name).orElseThrow(() -> new Unusable(
                    "Nobody called “" + name + "” has an account in this room: check the name in “From”."));
        }
        Long after = onOrAfter == null ? null : onOrAfter.atStartOfDay(zone).toInstant().toEpochMilli();
        Long before = onOrBefore == null ? null : onOrBefore.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        if (after != null && before != null && after >= before) {
            throw new Unusable("The “on or after” date is later than the “on or before” date: swap them or clear one.");
        }
        if (words == null && fromUserId == null && after == null && before == null && !hasFile) {
            throw new Unusable("Type words to look for, or choose who wrote it, a date or “Has a file”.");
        }
        Long channelId = within instanceof Conversation.Channel channel ? channel.channelId() : null;
        Long userId = within instanceof Conversation.Direct direct ? direct.peerId() : null;
        if (userId != null && userId <= 0) {
            throw new Unusable("Guests have no direct messages to search: search everything instead.");
        }
        try {
            return new Search.Query(words, channelId, userId, fromUserId, after, before, hasFile ? Boolean.TRUE : null,
                    beforeId, limit);
        } catch (IllegalArgumentException e) {
            throw new Unusable(dev.parley.client.ui.fx.Failures.plain(e.getMessage()));
        }
    }
}
