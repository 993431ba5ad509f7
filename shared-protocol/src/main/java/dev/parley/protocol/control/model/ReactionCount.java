package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;
import java.util.List;

/** One emoji on a message: how many reacted and who. */
public record ReactionCount(String emoji, int count, List<Long> userIds) {
    public ReactionCount {
        Check.required(emoji, "emoji");
        userIds = userIds == null ? List.of() : List.copyOf(userIds);
    }
}
