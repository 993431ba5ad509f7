package dev.parley.client.ui.notify;

import dev.parley.client.ui.chat.ChatLines;
import dev.parley.protocol.control.model.ChatMessage;

/** When a message deserves a desktop notification: a DM to me or a mention, while I am not looking. */
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

    /** The toast's title line. */
    public static String title(ChatMessage message) {
        return message.toUserId() != null ? message.authorName() + " (direct message)" : message.authorName() + " mentioned you";
    }
}
