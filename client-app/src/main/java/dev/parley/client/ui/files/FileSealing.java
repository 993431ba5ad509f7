package dev.parley.client.ui.files;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import java.util.Optional;

/**
 * How files are sealed and opened in end-to-end encrypted channels (see {@code ui.e2e}); plain conversations
 * pass as they are. The files' counterpart of {@code ChatSealing}. UI thread only.
 */
public interface FileSealing {
    /** Plain files everywhere. */
    FileSealing NONE = new FileSealing() {
        @Override
        public Optional<ChannelKey> sealingKey(Conversation where) {
            return Optional.empty();
        }

        @Override
        public Shown show(ChatMessage message) {
            return new Shown(message.file().name(), null, State.PLAIN);
        }
    };

    /** How a message's file reads here. */
    enum State {
        /** Not sealed: a plain conversation, or a file sent before the channel was encrypted. */
        PLAIN,
        OPENED,
        /** Sealed, and no key of the channel is held: the passphrase was never given. */
        LOCKED,
        /** Sealed, and the keys held do not open its name: another passphrase, or an epoch whose key is not held. */
        UNREADABLE
    }

    /**
     * @param name what to show: the file's name, its opened name, or a sentence in place of it
     * @param key  the key that opens the file's content (set when {@code state} is {@link State#OPENED})
     */
    record Shown(String name, ChannelKey key, State state) {
        public boolean sealed() {
            return state != State.PLAIN;
        }

        public boolean placeholder() {
            return state == State.LOCKED || state == State.UNREADABLE;
        }
    }

    /**
     * The key a file sent to {@code where} now is sealed with; empty for a plain conversation.
     *
     * @throws IllegalArgumentException with the sentence to show when {@code where} is encrypted and its current
     *                                  key is not held (the passphrase is asked for)
     */
    Optional<ChannelKey> sealingKey(Conversation where);

    Shown show(ChatMessage message);
}
