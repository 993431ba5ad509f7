package dev.parley.client.core.e2e;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import dev.parley.protocol.e2e.SealedText;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Opens the sealed messages of an end-to-end encrypted channel for reading on this client (export,
 * search): with the channel's keys by epoch, each sealed text and sealed file name becomes its plaintext,
 * or says why it could not be read. Plain messages pass unchanged. Stateless; thread-safe.
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

    /** What a sealed file's name becomes when this client has no key for its epoch. */
    public static String lockedFile(int epoch) {
        return "🔒 Encrypted file (key epoch " + epoch + "; not opened here)";
    }

    /** What a sealed file's name becomes when the key does not open it. */
    public static final String UNREADABLE_FILE = "🔒 Encrypted file that could not be decrypted";

    /**
     * Opens messages with one channel's keys by epoch; also says which key opens a sealed file's content
     * (for {@link dev.parley.client.core.export.ExportJob}, which saves files opened).
     */
    public static final class Reader implements UnaryOperator<ChatMessage> {
        private final Map<Integer, ChannelKey> keysByEpoch;

        private Reader(Map<Integer, ChannelKey> keysByEpoch) {
            this.keysByEpoch = Map.copyOf(keysByEpoch);
        }

        @Override
        public ChatMessage apply(ChatMessage message) {
            return open(message, keysByEpoch);
        }

        /** The key that opens the file of {@code sealed} (as the room sent it), if it is sealed and the key is held. */
        public Optional<ChannelKey> fileKey(ChatMessage sealed) {
            return sealed.file() == null ? Optional.empty()
                    : SealedText.epochOf(sealed.file().name()).map(keysByEpoch::get);
        }
    }

    /** A reader for {@link dev.parley.client.core.export.ExportJob} and search, with these keys by epoch. */
    public static Reader reader(Map<Integer, ChannelKey> keysByEpoch) {
        return new Reader(keysByEpoch);
    }

    public static ChatMessage open(ChatMessage message, Map<Integer, ChannelKey> keysByEpoch) {
        ChatMessage opened = message.file() == null ? message : message.withFile(openFile(message, keysByEpoch));
        Optional<Integer> epoch = SealedText.epochOf(opened.text());
        if (epoch.isEmpty()) {
            return opened;
        }
        ChannelKey key = keysByEpoch.get(epoch.get());
        if (key == null) {
            return opened.withText(locked(epoch.get()));
        }
        return opened.withText(SealedText.open(key, message.authorId(), message.text()).orElse(UNREADABLE));
    }

    private static FileInfo openFile(ChatMessage message, Map<Integer, ChannelKey> keysByEpoch) {
        FileInfo file = message.file();
        Optional<Integer> epoch = SealedText.epochOf(file.name());
        if (epoch.isEmpty()) {
            return file;
        }
        ChannelKey key = keysByEpoch.get(epoch.get());
        String name = key == null ? lockedFile(epoch.get())
                : SealedFile.openName(key, message.authorId(), file.name()).orElse(UNREADABLE_FILE);
        return new FileInfo(file.sha256(), name, SealedFile.plainSize(file.size()), file.mediaType(), file.width(),
                file.height(), file.thumbnail());
    }
}
