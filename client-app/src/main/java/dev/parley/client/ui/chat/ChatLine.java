package dev.parley.client.ui.chat;

import dev.parley.client.core.net.PendingMessage;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.LocalDate;

/** One row of the chat list. Immutable. */
public sealed interface ChatLine {

    /** A "Today" / date heading before the first message of a day. */
    record Day(LocalDate date) implements ChatLine {
    }

    /**
     * A stored message.
     *
     * @param replyPreview "name: start of text" of the message it answers, empty when none or unknown
     * @param continued    the same author's message right before, within {@link ChatLines#GROUP_GAP} on the same
     *                     day: shown without repeating the name and time (as chat apps group a run of messages)
     */
    record Message(ChatMessage message, boolean mine, boolean mentionsMe, String replyPreview, boolean continued)
            implements ChatLine {
    }

    /** Sent by me, not yet confirmed by the server (offline, or in flight). */
    record Pending(PendingMessage message) implements ChatLine {
    }
}
