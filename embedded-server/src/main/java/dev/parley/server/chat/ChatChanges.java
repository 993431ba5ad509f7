package dev.parley.server.chat;

import dev.parley.protocol.control.model.ChatMessage;

/**
 * Told of every committed change to a message (for the search index). Called on the room thread,
 * before the change's reply is sent; implementations hand work on and return at once.
 */
public interface ChatChanges {
    ChatChanges NONE = new ChatChanges() {
        @Override
        public void posted(ChatMessage message) {
        }

        @Override
        public void edited(ChatMessage message) {
        }

        @Override
        public void deleted(long messageId) {
        }
    };

    void posted(ChatMessage message);

    void edited(ChatMessage message);

    void deleted(long messageId);
}
