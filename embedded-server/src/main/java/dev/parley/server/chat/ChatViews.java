package dev.parley.server.chat;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    public static long userIdOf(String key) {
        if (key.startsWith("a:")) {
            return Long.parseLong(key.substring(2));
        }
        int slash = key.lastIndexOf('/');
        return -Long.parseLong(key.substring(slash + 1));
    }

    /**
     * The wire form of a message as {@code viewerKey} sees it: reactions are counts per emoji and
     * whether the viewer is among them (null viewer: nobody), never the list of who.
     */
    public static ChatMessage wire(StoredMessage stored, List<StoredReaction> reactions, String viewerKey) {
        return wire(stored, reactions,
                viewerKey == null ? Set.of() : emojiByUser(reactions).getOrDefault(viewerKey, Set.of()));
    }

    /** As above, with the viewer's own emoji already known. */
    public static ChatMessage wire(StoredMessage stored, List<StoredReaction> reactions, Set<String> mine) {
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
                wire(reactions, mine), stored.deleted() ? null : stored.file());
    }

    public static List<ReactionCount> wire(List<StoredReaction> reactions, String viewerKey) {
        return wire(reactions, viewerKey == null ? Set.of() : emojiByUser(reactions).getOrDefault(viewerKey, Set.of()));
    }

    /** Counts per emoji, {@code me} set for the emoji in {@code mine}. */
    public static List<ReactionCount> wire(List<StoredReaction> reactions, Set<String> mine) {
        return reactions.stream()
                .map(stored -> new ReactionCount(stored.emoji(), stored.count(), mine.contains(stored.emoji())))
                .toList();
    }

    /** Which emoji each user reacted with: one pass, so a broadcast to every viewer stays linear. */
    public static Map<String, Set<String>> emojiByUser(List<StoredReaction> reactions) {
        Map<String, Set<String>> byUser = new HashMap<>();
        for (StoredReaction reaction : reactions) {
            for (String key : reaction.userKeys()) {
                byUser.computeIfAbsent(key, k -> new HashSet<>()).add(reaction.emoji());
            }
        }
        return byUser;
    }
}
