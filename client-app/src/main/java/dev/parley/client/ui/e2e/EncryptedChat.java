package dev.parley.client.ui.e2e;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.chat.ChatSealing;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Chat's {@link ChatSealing} for end-to-end encrypted channels: seals what I write there with the key of the
 * channel's current epoch and opens what is read with whichever epoch's key it names. Direct messages and
 * plain channels pass as they are. UI thread only (it reads the channels as last published there).
 */
final class EncryptedChat implements ChatSealing {
    private final LongFunction<Optional<ChannelInfo>> encryptedChannel;
    private final ChannelKeys keys;
    private final java.util.function.LongConsumer keyMissing;

    /**
     * @param encryptedChannel the channel if it is end-to-end encrypted, else empty
     * @param keyMissing       told when I write to an encrypted channel without its key (to ask for the passphrase)
     */
    EncryptedChat(LongFunction<Optional<ChannelInfo>> encryptedChannel, ChannelKeys keys,
                  java.util.function.LongConsumer keyMissing) {
        this.encryptedChannel = encryptedChannel;
        this.keys = keys;
        this.keyMissing = keyMissing;
    }

    @Override
    public String outgoing(Conversation where, long selfId, String plaintext) {
        Optional<ChannelInfo> channel = channelOf(where).flatMap(encryptedChannel::apply);
        if (channel.isEmpty()) {
            return plaintext;
        }
        return keys.current(channel.get()).map(key -> SealedChat.seal(key, selfId, plaintext)).orElseThrow(() -> {
            keyMissing.accept(channel.get().id());
            if (channel.get().e2e().shared()) {
                return new SealedChat.SealingRefused(SharedMembers.NOT_GIVEN + " Your text is kept.");
            }
            return new SealedChat.SealingRefused(keys.knowsAny(channel.get().id())
                    ? "This channel's key changed; enter its new passphrase to write here. Your text is kept."
                    : "This channel is end-to-end encrypted; enter its passphrase to write here. Your text is kept.");
        });
    }

    @Override
    public Shown incoming(Long channelId, long authorId, String text) {
        if (channelId == null) {
            return new Shown(text, false); // direct messages are not end-to-end encrypted
        }
        SealedChat.Shown shown = SealedChat.show(channelId, authorId, text, keys);
        if (shown.placeholder() && encryptedChannel.apply(channelId).filter(c -> c.e2e().shared()).isPresent()) {
            // No passphrase can help here: only a member giving me the key can.
            return new Shown(SealedChat.NOT_GIVEN, true);
        }
        return new Shown(shown.text(), shown.placeholder());
    }

    @Override
    public boolean encrypted(Conversation where) {
        return channelOf(where).flatMap(encryptedChannel::apply).isPresent();
    }

    private static Optional<Long> channelOf(Conversation where) {
        return where instanceof Conversation.Channel channel ? Optional.of(channel.channelId()) : Optional.empty();
    }
}
