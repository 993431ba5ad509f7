package dev.parley.client.ui.chat;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.PendingMessage;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.core.room.Typist;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chat of one conversation (a channel or a direct message): history paged in as the user scrolls
 * up, live messages, edits, deletes, reactions, my pending messages, who is typing, and marking read.
 * Properties and the message model are UI thread only; core callbacks are bridged through {@link UiThread}.
 */
public final class ChatViewModel implements AutoCloseable {
    static final int PAGE = 50;
    private static final long TYPING_REPEAT_MS = 3000;

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ZoneId zone;
    private final LongSupplier clockMillis;
    private final ObjectProperty<Conversation> conversation = new SimpleObjectProperty<>();
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final StringProperty typing = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final List<Subscription> subscriptions = new ArrayList<>();
    // UI thread only from here on.
    private final TreeMap<Long, ChatMessage> messages = new TreeMap<>();
    private List<PendingMessage> pending = List.of();
    private long selfId;
    private String selfName = "";
    private long lastTypingSent;
    private long lastMarkedRead;
    /** Bumped on each conversation switch so late history pages for the old one are ignored. */
    private int generation;

    public ChatViewModel(ControlClient client, RoomState room, UiThread ui) {
        this(client, room, ui, ZoneId.systemDefault(), System::currentTimeMillis);
    }

    public ChatViewModel(ControlClient client, RoomState room, UiThread ui, ZoneId zone, LongSupplier clockMillis) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        this.zone = zone;
        this.clockMillis = clockMillis;
        conversation.addListener((obs, old, now) -> opened(now));
        client.eventLoop().execute(() -> {
            subscriptions.add(client.onEvent(this::eventArrived));
            subscriptions.add(client.onOutboxChanged(list -> ui.run(() -> outboxChanged(list))));
            subscriptions.add(room.onChange(this::roomChanged));
            room.self().ifPresent(self -> ui.run(() -> selfKnown(self.id(), self.name())));
        });
    }

    public ObjectProperty<Conversation> conversationProperty() {
        return conversation;
    }

    public ObservableList<ChatLine> lines() {
        return lines;
    }

    /** "Ann is typing…" for the open conversation; empty when nobody is. */
    public StringProperty typingProperty() {
        return typing;
    }

    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    // ---- actions (UI thread) --------------------------------------------------------------------

    /** Sends {@code text} (blank is ignored); it shows as pending until the server stores it. */
    public void send(String text, Long replyTo) {
        Conversation open = conversation.get();
        if (open == null || text == null || text.isBlank()) {
            return;
        }
        notice.set("");
        client.sendMessage(open, text.strip(), replyTo).delivered().whenComplete((stored, failure) -> ui.run(() -> {
            if (failure != null) {
                notice.set(Failures.sentence(failure));
            } else {
                accept(stored);
            }
        }));
        lastTypingSent = 0;
    }

    public void edit(long messageId, String text) {
        request(new Chat.Edit(messageId, text));
    }

    public void delete(long messageId) {
        request(new Chat.Delete(messageId));
    }

    /** Adds my reaction, or removes it when I had already reacted with this emoji. */
    public void toggleReaction(ChatMessage message, String emoji) {
        boolean mine = message.reactions().stream()
                .anyMatch(reaction -> reaction.emoji().equals(emoji) && reaction.me());
        request(new Chat.React(message.id(), emoji, !mine));
    }

    /** The user typed in the input: tells the others, at most every few seconds. */
    public void userTyped() {
        Conversation open = conversation.get();
        long now = clockMillis.getAsLong();
        if (open == null || now - lastTypingSent < TYPING_REPEAT_MS) {
            return;
        }
        lastTypingSent = now;
        Chat.Typing typingRequest = open instanceof Conversation.Channel channel
                ? new Chat.Typing(channel.channelId(), null)
                : new Chat.Typing(null, ((Conversation.Direct) open).peerId());
        client.requestOk(typingRequest);
    }

    /** Loads the page before the oldest message shown (the user scrolled to the top). */
    public CompletableFuture<?> loadOlder() {
        if (!hasMore.get() || loading.get() || messages.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return loadPage(messages.firstKey());
    }

    private void request(dev.parley.protocol.control.message.Request request) {
        notice.set("");
        client.requestOk(request).whenComplete((ok, failure) -> {
            if (failure != null) {
                ui.run(() -> notice.set(Failures.sentence(failure)));
            }
        });
    }

    // ---- UI thread ------------------------------------------------------------------------------

    private void selfKnown(long id, String name) {
        selfId = id;
        selfName = name;
        rebuild();
    }

    private void opened(Conversation now) {
        generation++;
        messages.clear();
        hasMore.set(false);
        typing.set("");
        lastMarkedRead = 0;
        rebuild();
        if (now != null) {
            loadPage(null);
            client.eventLoop().execute(() -> {
                room.clearUnread(now);
                publishTyping(now);
            });
        }
    }

    private CompletableFuture<?> loadPage(Long beforeId) {
        Conversation open = conversation.get();
        int asked = generation;
        loading.set(true);
        Chat.History history = open instanceof Conversation.Channel channel
                ? new Chat.History(channel.channelId(), null, beforeId, PAGE)
                : new Chat.History(null, ((Conversation.Direct) open).peerId(), beforeId, PAGE);
        return client.request(history, Chat.Page.class).whenComplete((page, failure) -> ui.run(() -> {
            if (asked != generation) {
                return;
            }
            loading.set(false);
            if (failure != null) {
                notice.set(Failures.sentence(failure));
                return;
            }
            page.messages().forEach(message -> messages.put(message.id(), message));
            hasMore.set(page.hasMore());
            rebuild();
            markRead();
        }));
    }

    private void accept(ChatMessage message) {
        if (conversation.get() == null || !conversation.get().equals(Conversation.of(message, selfId))) {
            return;
        }
        messages.put(message.id(), message);
        rebuild();
        markRead();
    }

    private void removed(long messageId) {
        ChatMessage old = messages.get(messageId);
        if (old != null) {
            messages.put(messageId, new ChatMessage(old.id(), old.ts(), old.channelId(), old.toUserId(), old.authorId(),
                    old.authorName(), "", old.replyTo(), old.editedTs(), true, old.nonce(), List.of()));
            rebuild();
        }
    }

    private void reactionsChanged(Chat.ReactionsChanged changed) {
        ChatMessage old = messages.get(changed.messageId());
        if (old != null) {
            messages.put(old.id(), new ChatMessage(old.id(), old.ts(), old.channelId(), old.toUserId(), old.authorId(),
                    old.authorName(), old.text(), old.replyTo(), old.editedTs(), old.deleted(), old.nonce(),
                    changed.reactions()));
            rebuild();
        }
    }

    private void outboxChanged(List<PendingMessage> all) {
        pending = all;
        rebuild();
    }

    /** Tells the server (and the room's unread counts) that everything shown has been read. */
    private void markRead() {
        Conversation open = conversation.get();
        if (open == null || messages.isEmpty() || messages.lastKey() <= lastMarkedRead) {
            return;
        }
        long newest = messages.lastKey();
        lastMarkedRead = newest;
        Chat.MarkRead read = open instanceof Conversation.Channel channel
                ? new Chat.MarkRead(channel.channelId(), null, newest)
                : new Chat.MarkRead(null, ((Conversation.Direct) open).peerId(), newest);
        client.requestOk(read);
        client.eventLoop().execute(() -> room.clearUnread(open));
    }

    private void rebuild() {
        Conversation open = conversation.get();
        List<PendingMessage> mine = open == null ? List.of()
                : pending.stream().filter(message -> message.conversation().equals(open)).toList();
        lines.setAll(ChatLines.build(messages.values(), mine, selfId, selfName, zone));
    }

    // ---- event thread ---------------------------------------------------------------------------

    private void eventArrived(Event event) {
        if (event instanceof Chat.Posted posted) {
            ui.run(() -> accept(posted.message()));
        } else if (event instanceof Chat.Edited edited) {
            ui.run(() -> {
                if (messages.containsKey(edited.message().id())) {
                    messages.put(edited.message().id(), edited.message());
                    rebuild();
                }
            });
        } else if (event instanceof Chat.Deleted deleted) {
            ui.run(() -> removed(deleted.messageId()));
        } else if (event instanceof Chat.ReactionsChanged changed) {
            ui.run(() -> reactionsChanged(changed));
        }
    }

    private void roomChanged(RoomChange change) {
        if (change instanceof RoomChange.TypingChanged typingChanged) {
            publishTyping(typingChanged.conversation());
        } else if (change instanceof RoomChange.Reset) {
            // A resumed session: edits and deletes made while away are not caught up, so reload.
            room.self().ifPresent(self -> ui.run(() -> {
                selfKnown(self.id(), self.name());
                Conversation open = conversation.get();
                if (open != null) {
                    opened(open);
                }
            }));
        }
    }

    private void publishTyping(Conversation changed) {
        List<String> names = room.typing(changed).stream().map(Typist::name).toList();
        ui.run(() -> {
            if (changed.equals(conversation.get())) {
                typing.set(typingSentence(names));
            }
        });
    }

    static String typingSentence(List<String> names) {
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> names.get(0) + " is typing…";
            case 2 -> names.get(0) + " and " + names.get(1) + " are typing…";
            default -> "Several people are typing…";
        };
    }

    @Override
    public void close() {
        client.eventLoop().execute(() -> subscriptions.forEach(Subscription::close));
    }
}
