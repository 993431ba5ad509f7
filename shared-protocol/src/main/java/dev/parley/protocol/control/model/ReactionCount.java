package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * One emoji on a message: how many reacted, and whether the user this copy was made for is one of
 * them. Who reacted is asked for page by page ({@code chat.reaction.users}), so a message with
 * 10,000 reactions stays a few bytes per emoji.
 */
public record ReactionCount(String emoji, int count, boolean me) {
    public ReactionCount {
        Check.required(emoji, "emoji");
    }
}
