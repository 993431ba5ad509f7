package dev.parley.server.chat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is typing where, and until when. Every typing request pushes the indicator's expiry out; the
 * caller runs one timer per indicator that asks {@link #check} when it fires and re-arms itself for
 * whatever time is left, so an indicator refreshed without a new event still ends with an
 * {@code active:false}. Owned by the room thread.
 */
public final class TypingTracker {
    /** A user typing in a conversation (a channel, or a direct message to an account). */
    public record Typist(long userId, ConversationKey conversation) {
    }

    /**
     * The outcome of one typing request.
     *
     * @param announce    tell the others (the indicator is new, or less than half its time was left)
     * @param timerSerial when the indicator is new: the serial its single timer passes to {@link #check};
     *                    0 when an indicator was already showing (its timer is running)
     */
    public record Typed(boolean announce, long timerSerial) {
    }

    private static final class Indicator {
        final long serial;
        long expiresAt;

        Indicator(long serial, long expiresAt) {
            this.serial = serial;
            this.expiresAt = expiresAt;
        }
    }

    /** {@link #check}: the indicator ran out and was removed; tell the others. */
    public static final long EXPIRED = 0;
    /** {@link #check}: the indicator is gone or was replaced; this timer has nothing left to do. */
    public static final long GONE = -1;

    private final Map<Typist, Indicator> showing = new HashMap<>();
    private final long expiryMillis;
    private long nextSerial = 1;

    public TypingTracker(long expiryMillis) {
        this.expiryMillis = expiryMillis;
    }

    public long expiryMillis() {
        return expiryMillis;
    }

    /** Records typing now: the expiry moves to {@code now + expiry} whether or not others are told. */
    public Typed typing(Typist typist, long now) {
        Indicator indicator = showing.get(typist);
        if (indicator == null || indicator.expiresAt <= now) {
            long serial = nextSerial++;
            showing.put(typist, new Indicator(serial, now + expiryMillis));
            return new Typed(true, serial);
        }
        boolean halfGone = indicator.expiresAt - now < expiryMillis / 2;
        indicator.expiresAt = now + expiryMillis;
        return new Typed(halfGone, 0);
    }

    /** Stops an indicator (the message was sent, or the user left); true if it was showing. */
    public boolean stop(Typist typist) {
        return showing.remove(typist) != null;
    }

    /**
     * The timer of indicator {@code serial} fired at {@code now}: {@link #EXPIRED} (removed; announce
     * the end), {@link #GONE} (nothing to do), or the milliseconds left (re-arm the timer for them).
     */
    public long check(Typist typist, long serial, long now) {
        Indicator indicator = showing.get(typist);
        if (indicator == null || indicator.serial != serial) {
            return GONE;
        }
        if (indicator.expiresAt <= now) {
            showing.remove(typist);
            return EXPIRED;
        }
        return indicator.expiresAt - now;
    }

    /** Forgets everything the user was typing; returns where an indicator was showing. */
    public List<ConversationKey> forgetUser(long userId) {
        List<ConversationKey> forgotten = new ArrayList<>();
        showing.keySet().removeIf(typist -> {
            if (typist.userId() == userId) {
                forgotten.add(typist.conversation());
                return true;
            }
            return false;
        });
        return forgotten;
    }
}
