package dev.parley.client.ui.e2e;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.files.FileSealing;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.e2e.ChannelKey;
import dev.parley.protocol.e2e.SealedFile;
import dev.parley.protocol.e2e.SealedText;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Files' {@link FileSealing} for end-to-end encrypted channels: a file I send there is sealed with the key of
 * the channel's current epoch; a file read there shows its opened name, and opens with the key of the epoch
 * its sealed name names. UI thread only (it reads the channels as last published there).
 */
final class EncryptedFiles implements FileSealing {
    static final String LOCKED = "🔒 Encrypted file — enter the channel's passphrase";
    static final String UNREADABLE = "🔒 Could not decrypt this file (a different passphrase or an older key)";

    private final LongFunction<Optional<ChannelInfo>> encryptedChannel;
    private final ChannelKeys keys;
    private final LongConsumer keyMissing;

    /**
     * @param encryptedChannel the channel if it is end-to-end encrypted, else empty
     * @param keyMissing       told when I send a file to an encrypted channel without its key
     */
    EncryptedFiles(LongFunction<Optional<ChannelInfo>> encryptedChannel, ChannelKeys keys, LongConsumer keyMissing) {
        this.encryptedChannel = encryptedChannel;
        this.keys = keys;
        this.keyMissing = keyMissing;
    }

    @Override
    public Optional<ChannelKey> sealingKey(Conversation where) {
        if (!(where instanceof Conversation.Channel target)) {
            return Optional.empty();
        }
        Optional<ChannelInfo> channel = encryptedChannel.apply(target.channelId());
        if (channel.isEmpty()) {
            return Optional.empty();
        }
        Optional<ChannelKey> key = keys.current(channel.get());
        if (key.isEmpty()) {
            keyMissing.accept(channel.get().id());
            if (channel.get().e2e().shared()) {
                throw new SealedChat.SealingRefused(SharedMembers.NOT_GIVEN);
            }
            throw new SealedChat.SealingRefused(keys.knowsAny(channel.get().id())
                    ? "This channel's key changed; enter its new passphrase to send files here."
                    : "This channel is end-to-end encrypted; enter its passphrase to send files here.");
        }
        return key;
    }

    @Override
    public Shown show(ChatMessage message) {
        String name = message.file().name();
        Optional<Integer> epoch = SealedText.epochOf(name);
        if (message.channelId() == null || epoch.isEmpty()) {
            return new Shown(name, null, State.PLAIN); // DMs are not end-to-end encrypted
        }
        Optional<ChannelKey> key = keys.get(message.channelId(), epoch.get());
        Optional<String> opened = key.flatMap(found -> SealedFile.openName(found, message.authorId(), name));
        if (opened.isPresent()) {
            return new Shown(opened.get(), key.get(), State.OPENED);
        }
        return keys.knowsAny(message.channelId()) ? new Shown(UNREADABLE, null, State.UNREADABLE)
                : new Shown(LOCKED, null, State.LOCKED);
    }
}
