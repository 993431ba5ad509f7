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
 * Opens the sealed messages of an end-to-end encrypted channel for reading on this client (chat, export,
 * search): with the channel's keys by epoch, each sealed text and sealed file name becomes its plaintext,
 * or a sentence that says why it could not be read. Plain messages pass unchanged. The one place that
 * decides what a sealed message reads as, so the chat, an export and a search say the same. Stateless;
 * thread-safe.
 */
public final class SealedMessages {
    /**
     * What a message reads as when this client holds no key of its channel: its passphrase was never given,
     * or (shared keys) no member gave this account a copy.
     */
    public static final String LOCKED = "🔒 Encrypted message — you have no key for this channel";
    /** What a message reads as when the keys held do not open it: another passphrase, another epoch, or altered. */
    public static final String UNREADABLE = "🔒 Could not decrypt (a different passphrase, or a key you were not given)";
    /** What a sealed file's name becomes when the keys held do not open it. */
    public static final String UNREADABLE_FILE = "🔒 Encrypted file that could not be decrypted";

    private SealedMessages() {
    }

    /** What a sealed file's name becomes when this client has no key for its epoch. */
    public static String lockedFile(int epoch) {
        return "🔒 Encrypted file (key epoch " + epoch + "; not opened here)";
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

    /** The message with its text and file name as they read here (unchanged when plain). */
    public static ChatMessage open(ChatMessage message, Map<Integer, ChannelKey> keysByEpoch) {
        ChatMessage opened = message.file() == null ? message : message.withFile(openFile(message, keysByEpoch));
        Reading reading = read(message.authorId(), message.text(), keysByEpoch);
        return reading.state() == State.PLAIN ? opened : opened.withText(reading.text());
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
