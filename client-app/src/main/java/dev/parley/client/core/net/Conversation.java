package dev.parley.client.core.net;

import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;

/** Where a chat message lives: a channel, or the direct messages between me and one peer. */
public sealed interface Conversation {

    record Channel(long channelId) implements Conversation {
    }

    record Direct(long peerId) implements Conversation {
    }

    static Conversation channel(long channelId) {
        return new Channel(channelId);
    }

    static Conversation direct(long peerId) {
        return new Direct(peerId);
    }

    /** The conversation a message belongs to, as seen by {@code selfId}. */
    static Conversation of(ChatMessage message, long selfId) {
        if (message.channelId() != null) {
            return new Channel(message.channelId());
        }
        return new Direct(message.authorId() == selfId ? message.toUserId() : message.authorId());
    }

    default Chat.Send send(String text, String nonce, Long replyTo) {
        return this instanceof Channel channel
                ? new Chat.Send(channel.channelId(), null, text, nonce, replyTo)
                : new Chat.Send(null, ((Direct) this).peerId(), text, nonce, replyTo);
    }
}
