package dev.parley.client.ui.chat;

import dev.parley.client.core.net.PendingMessage;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Builds chat rows from messages: day separators, mentions, reply previews, pending lines last. Pure functions. */
public final class ChatLines {
    private static final int PREVIEW_CHARS = 60;
    /** A pause longer than this between one author's messages starts a new name-and-time header. */
    public static final java.time.Duration GROUP_GAP = java.time.Duration.ofMinutes(5);

    private ChatLines() {
    }

    /**
     * @param messages stored messages in id order
     * @param pending  my unconfirmed messages, oldest first; those already stored (same nonce) are skipped
     */
    public static List<ChatLine> build(Collection<ChatMessage> messages, List<PendingMessage> pending, long selfId,
                                       String selfName, ZoneId zone) {
        List<ChatLine> lines = new ArrayList<>();
        Map<Long, ChatMessage> byId = messages.stream().collect(Collectors.toMap(ChatMessage::id, m -> m, (a, b) -> b));
        Set<String> storedNonces = messages.stream().map(ChatMessage::nonce).filter(n -> n != null)
                .collect(Collectors.toSet());
        LocalDate day = null;
        ChatMessage before = null;
        for (ChatMessage message : messages) {
            LocalDate date = Instant.ofEpochMilli(message.ts()).atZone(zone).toLocalDate();
            if (!date.equals(day)) {
                lines.add(new ChatLine.Day(date));
                day = date;
                before = null; // a new day always starts with a header
            }
            lines.add(new ChatLine.Message(message, message.authorId() == selfId,
                    message.authorId() != selfId && mentions(message.text(), selfName), preview(byId.get(message.replyTo())),
                    continues(before, message)));
            before = message;
        }
        for (PendingMessage waiting : pending) {
            if (!storedNonces.contains(waiting.nonce())) {
                lines.add(new ChatLine.Pending(waiting));
            }
        }
        return lines;
    }

    /**
     * Whether {@code message} joins the group of {@code before} (the message shown right above it on the same
     * day, or null): same author, at most {@link #GROUP_GAP} later, and not a reply (a reply shows what it
     * answers under a header of its own).
     */
    static boolean continues(ChatMessage before, ChatMessage message) {
        if (before == null || before.authorId() != message.authorId() || message.replyTo() != null) {
            return false;
        }
        long gap = message.ts() - before.ts();
        return gap >= 0 && gap <= GROUP_GAP.toMillis();
    }

    /** Whether {@code text} mentions {@code @name} as a whole word, ignoring case. */
    public static boolean mentions(String text, String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        Pattern pattern = Pattern.compile("(^|\\W)@" + Pattern.quote(name) + "(?![\\w.-])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return pattern.matcher(text).find();
    }

    static String preview(ChatMessage message) {
        if (message == null) {
            return "";
        }
        String text = message.deleted() ? "(deleted)" : message.text().replace('\n', ' ');
        if (text.length() > PREVIEW_CHARS) {
            text = text.substring(0, PREVIEW_CHARS) + "…";
        }
        return message.authorName() + ": " + text;
    }

    /** "Today", "Yesterday" or the date. */
    public static String dayLabel(LocalDate date, LocalDate today) {
        if (date.equals(today)) {
            return "Today";
        }
        if (date.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        return date.format(java.time.format.DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.getDefault()));
    }
}
