package dev.parley.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing where, and until when. Answers whether a typing request is news worth telling
 * others (a start, or a refresh of an indicator about to lapse). Owned by the room thread.
 */
public final class TypingTracker {
    /** A user typing in a conversation (a channel, or a direct message to an account). */
    public record Typist(long userId, ConversationKey conversation) {
    }

    private final Map<Typist, Long> expiresAt = new HashMap<>();
    private final long expiryMillis;

    public TypingTracker(long expiryMillis) {
        this.expiryMillis = expiryMillis;
    }

    public long expiryMillis() {
        return expiryMillis;
    }

    /** Records typing now; true when others should be told (it started, or half its time has passed). */
    public boolean typing(Typist typist, long now) {
        Long previous = expiresAt.put(typist, now + expiryMillis);
        return previous == null || previous <= now || previous - now < expiryMillis / 2;
    }

    /** Stops an indicator (the message was sent, or the user left); true if it was showing. */
    public boolean stop(Typist typist) {
        return expiresAt.remove(typist) != null;
    }

    /** Removes the indicator if it has run out by {@code now}; true if it did. */
    public boolean expire(Typist typist, long now) {
        Long until = expiresAt.get(typist);
        if (until != null && until <= now) {
            expiresAt.remove(typist);
            return true;
        }
        return false;
    }

    /** Forgets everything the user was typing; returns where an indicator was showing. */
    public List<ConversationKey> forgetUser(long userId) {
        List<ConversationKey> showing = new ArrayList<>();
        expiresAt.keySet().removeIf(typist -> {
            if (typist.userId() == userId) {
                showing.add(typist.conversation());
                return true;
            }
            return false;
        });
        return showing;
    }
}
