package dev.parley.client.ui.e2e;

import dev.parley.client.core.e2e.SealedMessages;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.nio.charset.StandardCharsets;

/**
 * What an encrypted channel's chat text reads as, and whether a plaintext fits once sealed. Pure functions
 * over {@link ChannelKeys}; the view-models decide when to call them.
 */
public final class SealedChat {
    /** As {@link SealedMessages#LOCKED}: chat, export and search say the same. */
    public static final String LOCKED = SealedMessages.LOCKED;
    /** As {@link SealedMessages#UNREADABLE}. */
    public static final String UNREADABLE = SealedMessages.UNREADABLE;
    /** A sealed message of a shared-key channel under a key I was not given. */
    public static final String NOT_GIVEN = "🔒 " + SharedMembers.NOT_GIVEN;
    /** The longest plaintext, in UTF-8 bytes, whose sealed form the room still takes as one message. */
    public static final int MAX_PLAINTEXT_BYTES = SealedText.maxPlaintextBytes(Limits.MAX_MESSAGE_TEXT);

    private SealedChat() {
    }

    /** @param text what to show: the plaintext, the text as it came, or a sentence in place of it */
    public record Shown(String text, SealedMessages.State state) {
        public boolean placeholder() {
            return state.placeholder();
        }
    }

    /** How {@code text}, written by {@code authorId} in channel {@code channelId}, reads with the keys held. */
    public static Shown show(long channelId, long authorId, String text, ChannelKeys keys) {
        if (SealedText.epochOf(text).isEmpty()) {
            return new Shown(text, SealedMessages.State.PLAIN); // the common case: no copy of the keys
        }
        SealedMessages.Reading reading = SealedMessages.read(authorId, text, keys.byEpoch(channelId));
        return new Shown(reading.text(), reading.state());
    }

    /**
     * Seals {@code plaintext} as {@code authorId}'s, or refuses it with a sentence when its sealed form would be
     * longer than the room takes.
     */
    public static String seal(ChannelKey key, long authorId, String plaintext) {
        int bytes = plaintext.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_PLAINTEXT_BYTES) {
            throw new SealingRefused("Too long for an encrypted channel: keep it to " + MAX_PLAINTEXT_BYTES
                    + " bytes (this is " + bytes + "; letters outside English count as 2 or more). Split it in two.");
        }
        return SealedText.seal(key, authorId, plaintext);
    }

    /** Text that can't be sealed, with the sentence the user reads. */
    public static final class SealingRefused extends IllegalArgumentException {
        public SealingRefused(String sentence) {
            super(sentence);
        }
    }
}
