package dev.parley.client.core.e2e;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedText;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens the sealed messages of an end-to-end encrypted channel for reading on this client (export,
 * search): with the channel's keys by epoch, each sealed text becomes its plaintext, or says why it
 * could not be read. Plain messages pass unchanged. Stateless; thread-safe.
 */
public final class SealedMessages {
    private SealedMessages() {
    }

    /** What a message becomes when this client has no key for its epoch. */
    public static String locked(int epoch) {
        return "🔒 Encrypted message (key epoch " + epoch + "; not opened here)";
    }

    /** What a message becomes when the key does not open it (another passphrase, or altered). */
    public static final String UNREADABLE = "🔒 Could not decrypt (a different passphrase, or altered)";

    /** A reader for {@link dev.parley.client.core.export.ExportJob} and search, with these keys by epoch. */
    public static UnaryOperator<ChatMessage> reader(Map<Integer, ChannelKey> keysByEpoch) {
        return message -> open(message, keysByEpoch);
    }

    public static ChatMessage open(ChatMessage message, Map<Integer, ChannelKey> keysByEpoch) {
        Optional<Integer> epoch = SealedText.epochOf(message.text());
        if (epoch.isEmpty()) {
            return message;
        }
        ChannelKey key = keysByEpoch.get(epoch.get());
        if (key == null) {
            return message.withText(locked(epoch.get()));
        }
        return message.withText(SealedText.open(key, message.authorId(), message.text()).orElse(UNREADABLE));
    }
}
