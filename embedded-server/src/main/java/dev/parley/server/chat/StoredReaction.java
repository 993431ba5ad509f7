package dev.parley.server.chat;

import java.util.List;
import java.util.Objects;

/** How many users reacted to a message with {@code emoji}, and who (user keys, first reaction first). */
public record StoredReaction(String emoji, int count, List<String> userKeys) {

    public StoredReaction {
        Objects.requireNonNull(emoji, "emoji");
        userKeys = List.copyOf(userKeys);
    }
}
