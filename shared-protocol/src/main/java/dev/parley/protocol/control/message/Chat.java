package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import java.util.List;

/**
 * Text chat. A conversation is a channel ({@code channelId}) or the direct messages between the
 * caller and one account ({@code userId}); requests name exactly one.
 */
public final class Chat {
    private Chat() {
    }

    /**
     * Posts a message. {@code nonce} is chosen by the client and unique per author: sending again
     * with the same nonce stores nothing new and returns the message stored the first time.
     */
    public record Send(Long channelId, Long userId, String text, String nonce, Long replyTo) implements Request {
        public Send {
            Check.oneConversation(channelId, userId);
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            Check.text(text, "text", 1, Limits.MAX_MESSAGE_TEXT);
            Check.line(nonce, "nonce", 1, Limits.MAX_NONCE);
            Check.optionalPositive(replyTo, "replyTo");
        }
    }

    /** {@code duplicate} is true when the nonce had been used and nothing new was stored. */
    public record Sent(ChatMessage message, boolean duplicate) implements Reply {
    }

    public record Edit(Long messageId, String text) implements Request {
        public Edit {
            Check.positive(messageId, "messageId");
            Check.text(text, "text", 1, Limits.MAX_MESSAGE_TEXT);
        }
    }

    public record Delete(Long messageId) implements Request {
        public Delete {
            Check.positive(messageId, "messageId");
        }
    }

    /** Adds ({@code add} true) or removes the caller's reaction; doing it twice changes nothing. */
    public record React(Long messageId, String emoji, Boolean add) implements Request {
        public React {
            Check.positive(messageId, "messageId");
            Check.line(emoji, "emoji", 1, Limits.MAX_EMOJI);
            Check.required(add, "add");
        }
    }

    /** Up to {@code limit} (default and max 100) messages older than {@code beforeId}, or the newest. */
    public record History(Long channelId, Long userId, Long beforeId, Integer limit) implements Request {
        public History {
            Check.oneConversation(channelId, userId);
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            Check.optionalPositive(beforeId, "beforeId");
            limit = limit == null ? Limits.MAX_PAGE : Check.range(limit, "limit", 1, Limits.MAX_PAGE);
        }
    }

    /** My direct conversations, newest first, at most {@code limit} (default and max 100). */
    public record ListDirects(Integer limit) implements Request {
        public ListDirects {
            limit = limit == null ? Limits.MAX_PAGE : Check.range(limit, "limit", 1, Limits.MAX_PAGE);
        }
    }

    /** One direct conversation: with whom (their account's name now), and its newest message's id. */
    public record DirectPeer(long userId, String name, long lastMessageId) {
        public DirectPeer {
            Check.positive(userId, "userId");
            Check.required(name, "name");
            Check.positive(lastMessageId, "lastMessageId");
        }
    }

    /** The reply to {@link ListDirects}: the conversation with the newest message first. */
    public record Directs(List<DirectPeer> peers) implements Reply {
        public Directs {
            peers = List.copyOf(peers);
        }
    }

    /** Messages oldest first; {@code hasMore} says whether another page exists. */
    public record Page(List<ChatMessage> messages, boolean hasMore) implements Reply {
        public Page {
            messages = List.copyOf(messages);
        }
    }

    /** "I am typing"; repeat every few seconds while typing. It expires by itself. */
    public record Typing(Long channelId, Long userId) implements Request {
        public Typing {
            Check.oneConversation(channelId, userId);
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
        }
    }

    /** Everything up to and including {@code messageId} in the conversation has been read. */
    public record MarkRead(Long channelId, Long userId, Long messageId) implements Request {
        public MarkRead {
            Check.oneConversation(channelId, userId);
            Check.optionalPositive(channelId, "channelId");
            Check.optionalPositive(userId, "userId");
            Check.positive(messageId, "messageId");
        }
    }

    /** Every message the caller may read with an id above {@code afterId}, oldest first. */
    public record CatchUp(Long afterId, Integer limit) implements Request {
        public CatchUp {
            Check.required(afterId, "afterId");
            if (afterId < 0) {
                throw Check.invalid("afterId", "must not be negative");
            }
            limit = limit == null ? Limits.MAX_CATCH_UP : Check.range(limit, "limit", 1, Limits.MAX_CATCH_UP);
        }
    }

    public record Posted(ChatMessage message) implements Event {
    }

    public record Edited(ChatMessage message) implements Event {
    }

    public record Deleted(long messageId, Long channelId, Long toUserId, long authorId) implements Event {
    }

    public record ReactionsChanged(long messageId, Long channelId, Long toUserId, long authorId,
                                   List<ReactionCount> reactions) implements Event {
        public ReactionsChanged {
            reactions = List.copyOf(reactions);
        }
    }

    /**
     * Someone started or stopped typing. In a direct message {@code userId} is the typist and the
     * conversation is theirs with you. Clients hide the indicator after {@code expiresInMs} unless
     * it is repeated.
     */
    public record TypingChanged(long userId, String name, Long channelId, boolean active, long expiresInMs)
            implements Event {
    }
}
