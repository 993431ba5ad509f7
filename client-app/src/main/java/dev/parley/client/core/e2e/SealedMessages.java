package dev.parley.client.core.e2e;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens the sealed messages of an end-to-end encrypted channel for reading on this client (chat, export,
 * search): with the channel's keys by epoch, each sealed text becomes its plaintext, or a sentence that says
 * why it could not be read. Plain messages pass unchanged. The one place that decides what a sealed message
 * reads as, so the chat, an export and a search say the same. Stateless; thread-safe.
 */
public final class SealedMessages {
    /**
     * What a message reads as when this client holds no key of its channel: its passphrase was never given,
     * or (shared keys) no member gave this account a copy.
     */
    public static final String LOCKED = "🔒 Encrypted message — you have no key for this channel";
    /** What a message reads as when the keys held do not open it: another passphrase, another epoch, or altered. */
    public static final String UNREADABLE = "🔒 Could not decrypt (a different passphrase, or a key you were not given)";

    private SealedMessages() {
    }

    /** How a message's text reads here. */
    public enum State {
        /** Not sealed: a plain channel, or history from before the channel was encrypted. */
        PLAIN,
        OPENED,
        /** Sealed, and no key of this channel is held. */
        LOCKED,
        /** Sealed, and the keys held do not open it. */
        UNREADABLE;

        /** The text shown is a sentence in place of the message, not what was written. */
        public boolean placeholder() {
            return this == LOCKED || this == UNREADABLE;
        }
    }

    /** @param text the plaintext, the text as it came, or {@link #LOCKED} / {@link #UNREADABLE} */
    public record Reading(String text, State state) {
    }

    /**
     * How {@code text}, written by {@code authorId}, reads with the channel's keys held here.
     *
     * @param keysByEpoch the keys of the message's channel, by epoch (empty: none held)
     */
    public static Reading read(long authorId, String text, Map<Integer, ChannelKey> keysByEpoch) {
        Optional<Integer> epoch = SealedText.epochOf(text);
        if (epoch.isEmpty()) {
            return new Reading(text, State.PLAIN);
        }
        Optional<String> opened = Optional.ofNullable(keysByEpoch.get(epoch.get()))
                .flatMap(key -> SealedText.open(key, authorId, text));
        if (opened.isPresent()) {
            return new Reading(opened.get(), State.OPENED);
        }
        return keysByEpoch.isEmpty() ? new Reading(LOCKED, State.LOCKED) : new Reading(UNREADABLE, State.UNREADABLE);
    }

    /** A reader for {@link dev.parley.client.core.export.ExportJob}, with these keys by epoch. */
    public static UnaryOperator<ChatMessage> reader(Map<Integer, ChannelKey> keysByEpoch) {
        Map<Integer, ChannelKey> keys = Map.copyOf(keysByEpoch);
        return message -> open(message, keys);
    }

    /** The message with its text as it reads here (unchanged when plain). */
    public static ChatMessage open(ChatMessage message, Map<Integer, ChannelKey> keysByEpoch) {
        Reading reading = read(message.authorId(), message.text(), keysByEpoch);
        return reading.state() == State.PLAIN ? message : message.withText(reading.text());
    }
}
