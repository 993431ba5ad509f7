package dev.parley.client.ui.search;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.List;

/**
 * One search result as the panel shows it: where ("# General", "DM with bob"), who, when, and the
 * snippet with the hit marked; {@code conversation} is where choosing it jumps to.
 */
public record SearchResult(ChatMessage message, Conversation conversation, String where, String who, String when,
                           List<Snippets.Run> snippet) {
    public SearchResult {
        snippet = List.copyOf(snippet);
    }
}
