package dev.parley.client.ui.voice;

import java.util.List;

/**
 * Whom the whisper key talks to: some people (a whisper), or a channel with its sub-channels (a shout).
 * Immutable; {@code label} is what the voice bar names them by.
 *
 * @param userIds   the people whispered to, empty for a shout
 * @param channelId the channel shouted to, null for a whisper
 * @param label     "bob", "3 people", "#Games"
 */
public record WhisperTarget(List<Long> userIds, Long channelId, String label) {
    public WhisperTarget {
        userIds = List.copyOf(userIds);
    }

    /** A whisper to these people; {@code names} in the same order, for the label. */
    public static WhisperTarget people(List<Long> userIds, List<String> names) {
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException("a whisper needs at least one person");
        }
        return new WhisperTarget(userIds, null, names.size() == 1 ? names.get(0) : userIds.size() + " people");
    }

    /** A shout to a channel and the channels under it. */
    public static WhisperTarget channel(long channelId, String name) {
        return new WhisperTarget(List.of(), channelId, "#" + name);
    }

    public boolean shout() {
        return channelId != null;
    }

    /** The voice bar's line while the key is held: "Whispering to bob", "Shouting to #Games". */
    public String speaking() {
        return (shout() ? "Shouting to " : "Whispering to ") + label;
    }
}
