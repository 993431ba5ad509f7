package dev.parley.client.ui.chat;

import dev.parley.client.core.net.Conversation;

/**
 * How chat text goes on the wire and comes back readable: the identity for plain conversations; end-to-end
 * encrypted channels seal and open it (see {@code ui.e2e}). UI thread only.
 */
public interface ChatSealing {
    /** Plain text everywhere. */
    ChatSealing NONE = new ChatSealing() {
        @Override
        public String outgoing(Conversation where, long selfId, String plaintext) {
            return plaintext;
        }

        @Override
        public Shown incoming(Long channelId, long authorId, String text) {
            return new Shown(text, false);
        }

        @Override
        public boolean encrypted(Conversation where) {
            return false;
        }
    };

    /**
     * What to send for {@code plaintext} written by me in {@code where}.
     *
     * @throws IllegalArgumentException with the sentence to show when it can't be sent (too long once sealed,
     *                                  no passphrase for the channel yet)
     */
    String outgoing(Conversation where, long selfId, String plaintext);

    /** How a message's text reads; {@code channelId} null for a direct message. */
    Shown incoming(Long channelId, long authorId, String text);

    /** Whether {@code where} is an end-to-end encrypted channel (the room refuses files there). */
    boolean encrypted(Conversation where);

    /** @param placeholder the text stands in for a message that could not be opened (shown muted, not editable) */
    record Shown(String text, boolean placeholder) {
    }
}
