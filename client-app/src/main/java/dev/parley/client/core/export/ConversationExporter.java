package dev.parley.client.core.export;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Exports one conversation by reading its whole history through {@code chat.history}, page by page,
 * newest to oldest: the same permission-checked path the chat view uses, so an export holds exactly
 * what the user may read (tombstones of deleted messages included, as history shows them).
 * Blocks while it pages: call it off the UI thread. Stateless.
 */
public final class ConversationExporter {
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(30);

    private final ControlClient client;
    private final Clock clock;
    private final Integer pageSize;
    private final java.util.function.UnaryOperator<ChatMessage> reader;

    public ConversationExporter(ControlClient client, Clock clock) {
        this(client, clock, null);
    }

    /** @param pageSize messages per history request; null for the room's largest page */
    ConversationExporter(ControlClient client, Clock clock, Integer pageSize) {
        this(client, clock, pageSize, java.util.function.UnaryOperator.identity());
    }

    /** @param reader what each message becomes in the export (opened, in an end-to-end encrypted channel) */
    ConversationExporter(ControlClient client, Clock clock, Integer pageSize,
                         java.util.function.UnaryOperator<ChatMessage> reader) {
        this.client = client;
        this.clock = clock;
        this.pageSize = pageSize;
        this.reader = reader;
    }

    public ChatExport export(Conversation conversation, String title, String room, String exportedBy) {
        return export(conversation, title, room, exportedBy, read -> { });
    }

    /** As {@link #export(Conversation, String, String, String)}, telling {@code read} the messages read so far after each page. */
    public ChatExport export(Conversation conversation, String title, String room, String exportedBy,
                             java.util.function.LongConsumer read) {
        List<ChatMessage> newestFirst = new ArrayList<>();
        Long beforeId = null;
        boolean more = true;
        while (more) {
            Chat.Page page = await(client.request(history(conversation, beforeId, pageSize), Chat.Page.class));
            List<ChatMessage> oldestFirst = page.messages();
            for (int i = oldestFirst.size() - 1; i >= 0; i--) {
                newestFirst.add(reader.apply(oldestFirst.get(i)));
            }
            read.accept(newestFirst.size());
            more = page.hasMore() && !oldestFirst.isEmpty();
            if (more) {
                beforeId = oldestFirst.get(0).id();
            }
        }
        Collections.reverse(newestFirst);
        ChatExport.ExportedConversation where = conversation instanceof Conversation.Channel channel
                ? new ChatExport.ExportedConversation(channel.channelId(), null, title)
                : new ChatExport.ExportedConversation(null, ((Conversation.Direct) conversation).peerId(), title);
        return new ChatExport(ChatExport.FORMAT, room, clock.millis(), exportedBy, where, newestFirst);
    }

    private static Chat.History history(Conversation conversation, Long beforeId, Integer limit) {
        return conversation instanceof Conversation.Channel channel
                ? new Chat.History(channel.channelId(), null, beforeId, limit)
                : new Chat.History(null, ((Conversation.Direct) conversation).peerId(), beforeId, limit);
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get(PAGE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExportException("export interrupted", e);
        } catch (ExecutionException e) {
            throw new ExportException("the room refused the export: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ExportException("the room did not answer within " + PAGE_TIMEOUT.toSeconds() + " s", e);
        }
    }
}
