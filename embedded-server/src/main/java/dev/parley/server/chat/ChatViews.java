package dev.parley.server.chat;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import java.util.List;

/**
 * Turns stored chat rows into their wire form, and users into the keys the store knows them by.
 * Guests are stored by a key that names the server run and their (negative) id, so a guest id is
 * never mistaken for one from an earlier run.
 */
public final class ChatViews {
    private ChatViews() {
    }

    public static Author author(long userId, String name, String serverRun) {
        return userId > 0 ? Author.account(userId, name) : Author.guest(serverRun + "/" + -userId, name);
    }

    public static String userKey(long userId, String serverRun) {
        return author(userId, "-", serverRun).key();
    }

    /** The user id in a stored key: an account id, or a guest's negative id. */
    static long userIdOf(String key) {
        if (key.startsWith("a:")) {
            return Long.parseLong(key.substring(2));
        }
        int slash = key.lastIndexOf('/');
        return -Long.parseLong(key.substring(slash + 1));
    }

    public static ChatMessage wire(StoredMessage stored, List<StoredReaction> reactions) {
        Long channelId = null;
        Long toUserId = null;
        long authorId = stored.authorId() != null ? stored.authorId() : userIdOf(stored.authorKey());
        if (stored.conversation() instanceof ConversationKey.Channel channel) {
            channelId = channel.channelId();
        } else if (stored.conversation() instanceof ConversationKey.Direct direct) {
            toUserId = direct.peerOf(authorId);
        }
        return new ChatMessage(stored.id(), stored.createdAt().toEpochMilli(),
                channelId, toUserId, authorId, stored.authorName(), stored.text(), stored.replyTo(),
                stored.editedAt() == null ? null : stored.editedAt().toEpochMilli(), stored.deleted(), stored.nonce(),
                reactions.stream().map(ChatViews::wire).toList());
    }

    static ReactionCount wire(StoredReaction stored) {
        return new ReactionCount(stored.emoji(), stored.count(),
                stored.userKeys().stream().map(ChatViews::userIdOf).toList());
    }
}
