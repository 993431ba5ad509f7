package dev.parley.client.ui.notify;

import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.notify.NotifySettings;
import dev.parley.client.ui.chat.ChatLines;
import dev.parley.protocol.control.model.ChatMessage;

/**
 * When a message deserves a desktop notification: while I am not looking, as my notification settings
 * say (by default a DM to me or a mention; muted or "nothing" conversations never).
 */
public final class NotificationPolicy {
    private NotificationPolicy() {
    }

    public static boolean shouldNotify(ChatMessage message, long selfId, String selfName, boolean windowFocused,
                                       boolean enabled) {
        if (!enabled || windowFocused || message.authorId() == selfId || message.deleted()) {
            return false;
        }
        boolean directToMe = message.toUserId() != null && message.toUserId() == selfId;
        return directToMe || ChatLines.mentions(message.text(), selfName);
    }

    /** The same, following my per-conversation notification settings at {@code now} (epoch ms). */
    public static boolean shouldNotify(ChatMessage message, long selfId, String selfName, boolean windowFocused,
                                       boolean enabled, NotifySettings settings, long now) {
        if (!enabled || windowFocused || message.authorId() == selfId || message.deleted()) {
            return false;
        }
        return settings.wants(Conversation.of(message, selfId), ChatLines.mentions(message.text(), selfName), now);
    }

    /** The toast's title line, for a channel message that notifies without mentioning me too. */
    public static String title(ChatMessage message, String selfName) {
        if (message.toUserId() == null && !ChatLines.mentions(message.text(), selfName)) {
            return message.authorName() + " wrote in a channel";
        }
        return title(message);
    }

    /** The toast's title line. */
    public static String title(ChatMessage message) {
        return message.toUserId() != null ? message.authorName() + " (direct message)" : message.authorName() + " mentioned you";
    }
}
