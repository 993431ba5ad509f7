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
import dev.parley.client.core.net.ConnectionState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    /** Names shown in a reaction's tooltip; the rest are counted ("and 3 more"). */
    static final int REACTORS_SHOWN = 20;

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ZoneId zone;
    private final LongSupplier clockMillis;
    private final ObjectProperty<Conversation> conversation = new SimpleObjectProperty<>();
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final StringProperty typing = new SimpleStringProperty("");
    private final StringProperty notice = new SimpleStringProperty("");
    private final StringProperty title = new SimpleStringProperty("");
    private final StringProperty draft = new SimpleStringProperty("");
    private final Map<Conversation, String> drafts = new HashMap<>();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final ObservableList<String> memberNames = FXCollections.observableArrayList();
    // UI thread only from here on.
    private final TreeMap<Long, ChatMessage> messages = new TreeMap<>();
    private List<PendingMessage> pending = List.of();
    private long selfId;
    private String selfName = "";
    private long lastTypingSent;
    private long lastMarkedRead;
    /** Bumped on each conversation switch so late history pages for the old one are ignored. */
    private int generation;
    /** The last history load failed (offline): retried once the connection is back. */
    private boolean loadFailed;
    /** A search result to open at: the next {@link #opened} loads the history around it instead of the newest page. */
    private Long openAtId;
    /** The message a search result opened (highlighted and scrolled to); 0 when none. */
    private final javafx.beans.property.LongProperty centred = new javafx.beans.property.SimpleLongProperty();
    /**
     * Showing history around a search result, not the present: newer messages than those shown exist,
     * so live ones are not added (they would sit after a gap) and nothing is marked read.
     */
    private final BooleanProperty detached = new SimpleBooleanProperty();
    /** Seals and opens end-to-end encrypted channels' text; plain until {@link #useSealing}. */
    private ChatSealing sealing = ChatSealing.NONE;
    /** Whether the open conversation is an end-to-end encrypted channel (no files there). */
    private final BooleanProperty encrypted = new SimpleBooleanProperty();
    /** Messages shown as a sentence in place of text that could not be opened (by id). */
    private final java.util.Set<Long> placeholders = new java.util.HashSet<>();

    public ChatViewModel(ControlClient client, RoomState room, UiThread ui) {
        this(client, room, ui, ZoneId.systemDefault(), System::currentTimeMillis);
    }

    public ChatViewModel(ControlClient client, RoomState room, UiThread ui, ZoneId zone, LongSupplier clockMillis) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        this.zone = zone;
        this.clockMillis = clockMillis;
        conversation.addListener((obs, old, now) -> {
            if (old != null) {
                drafts.put(old, draft.get());
            }
            draft.set(now == null ? "" : drafts.getOrDefault(now, ""));
            opened(now);
        });
        client.eventLoop().executeIfRunning(() -> {
            subscriptions.add(client.onStatus(status -> {
                if (status.state() == ConnectionState.CONNECTED) {
                    ui.run(this::retryAfterReconnect);
                }
            }));
            subscriptions.add(client.onEvent(this::eventArrived));
            subscriptions.add(client.onOutboxChanged(list -> ui.run(() -> outboxChanged(list))));
            subscriptions.add(room.onChange(this::roomChanged));
            room.self().ifPresent(self -> ui.run(() -> selfKnown(self.id(), self.name())));
            publishNames();
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

    /** Where I am writing: "# General" or "Direct message with ann". */
    public StringProperty titleProperty() {
        return title;
    }

    /** The text in the input box, kept per conversation and put back when a send fails. */
    public StringProperty draftProperty() {
        return draft;
    }

    /** My newest message that can still be edited (Up arrow in an empty input). */
    public java.util.Optional<ChatMessage> lastOwnMessage() {
        return messages.descendingMap().values().stream()
                .filter(message -> message.authorId() == selfId && !message.deleted())
                .findFirst().filter(message -> !isPlaceholder(message.id())).map(this::shown);
    }

    /**
     * Seals what is written to end-to-end encrypted channels and opens what is read there. Call
     * {@link #sealingChanged()} whenever a key or a channel's encryption changes.
     */
    public void useSealing(ChatSealing value) {
        sealing = value;
        sealingChanged();
    }

    /** A key arrived or a channel's encryption changed: everything shown is opened again. */
    public void sealingChanged() {
        Conversation open = conversation.get();
        encrypted.set(open != null && sealing.encrypted(open));
        rebuild();
    }

    /** Whether the open conversation is an end-to-end encrypted channel. */
    public javafx.beans.property.ReadOnlyBooleanProperty encryptedProperty() {
        return encrypted;
    }

    /** Whether message {@code messageId} shows a sentence in place of text it could not open. */
    public boolean isPlaceholder(long messageId) {
        return placeholders.contains(messageId);
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** The message a search result opened (0: none); set once its context has loaded and is in {@link #lines()}. */
    public javafx.beans.property.ReadOnlyLongProperty centredProperty() {
        return centred;
    }

    /** True while the chat shows history around a search result rather than the newest messages. */
    public javafx.beans.property.ReadOnlyBooleanProperty detachedProperty() {
        return detached;
    }

    /**
     * Opens {@code where} at message {@code messageId} with the messages around it ({@code chat.around}),
     * as a search result asks; {@link #backToPresent()} returns to the newest messages.
     */
    public void openAt(Conversation where, long messageId) {
        openAtId = messageId;
        if (where.equals(conversation.get())) {
            opened(where);
        } else {
            conversation.set(where);
        }
    }

    /** Leaves a search result's place in history for the newest messages (no-op when already there). */
    public void backToPresent() {
        Conversation open = conversation.get();
        if (detached.get() && open != null) {
            opened(open);
        }
    }

    /** Names of the people here (not me), for @-mention completion. */
    public ObservableList<String> memberNames() {
        return memberNames;
    }

    // ---- actions (UI thread) --------------------------------------------------------------------

    /**
     * Who reacted to a message with {@code emoji}: "ann, bob and 3 more". Completes on the UI thread;
     * a failure reads as a short sentence, never an exception.
     */
    public CompletableFuture<String> whoReacted(long messageId, String emoji) {
        CompletableFuture<String> names = new CompletableFuture<>();
        client.request(new dev.parley.protocol.control.message.Directory.ListReactors(messageId, emoji, 0, REACTORS_SHOWN),
                dev.parley.protocol.control.message.Directory.ReactorPage.class).whenComplete((page, failure) -> ui.run(() -> {
                    if (failure != null) {
                        names.complete("Could not load who reacted: " + Failures.sentence(failure));
                        return;
                    }
                    String shown = String.join(", ", page.users().stream().map(user -> user.name()).toList());
                    int more = page.total() - page.users().size();
                    names.complete(more > 0 ? shown + " and " + more + " more" : shown);
                }));
        return names;
    }

    /**
     * Sends the draft (blank is ignored) to the open conversation; it shows as pending until the
     * server stores it. The draft is emptied, and put back with a sentence if the message is refused,
     * so typed text is never lost.
     */
    public void sendDraft(Long replyTo) {
        Conversation open = conversation.get();
        String text = draft.get();
        if (open == null || text == null || text.isBlank()) {
            return;
        }
        notice.set("");
        draft.set(""); // before sending: a refusal may come back at once and put the text back
        lastTypingSent = 0;
        try {
            // Sealed here for an encrypted channel: the room only ever sees what this returns.
            String wire = sealing.outgoing(open, selfId, text.strip());
            client.sendMessage(open, wire, replyTo).delivered().whenComplete((stored, failure) -> ui.run(() -> {
                if (failure != null) {
                    restore(open, text, failure);
                } else {
                    accept(stored);
                }
            }));
        } catch (IllegalArgumentException e) {
            // The message could not even be built (too long, an id the protocol refuses): keep the text.
            draft.set(text);
            notice.set("Not sent: " + Failures.sentence(e));
        }
    }

    private void restore(Conversation where, String text, Throwable failure) {
        String sentence = "Not sent: " + Failures.sentence(failure) + " Your text is back in the message box.";
        if (where.equals(conversation.get())) {
            draft.set(draft.get().isEmpty() ? text : text + " " + draft.get());
            notice.set(sentence);
        } else {
            drafts.merge(where, text, (older, mine) -> mine + " " + older);
        }
    }

    public void edit(long messageId, String text) {
        Conversation open = conversation.get();
        try {
            request(new Chat.Edit(messageId, open == null ? text : sealing.outgoing(open, selfId, text)));
        } catch (IllegalArgumentException e) {
            notice.set(Failures.sentence(e));
        }
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
        if (open instanceof Conversation.Direct direct && direct.peerId() <= 0) {
            return; // a guest: no direct messages, so nothing to tell (and the request could not be built)
        }
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
        Long at = openAtId;
        openAtId = null;
        centred.set(0);
        detached.set(false);
        messages.clear();
        hasMore.set(false);
        typing.set("");
        notice.set("");
        loadFailed = false;
        lastMarkedRead = 0;
        encrypted.set(now != null && sealing.encrypted(now));
        rebuild();
        if (now != null) {
            if (at != null) {
                loadAround(at);
            } else {
                loadPage(null);
            }
            client.eventLoop().executeIfRunning(() -> {
                room.clearUnread(now);
                publishTyping(now);
                publishTitle(now);
            });
        } else {
            title.set("");
        }
    }

    private void retryAfterReconnect() {
        Conversation open = conversation.get();
        if (loadFailed && open != null) {
            opened(open);
        }
    }

    private CompletableFuture<?> loadPage(Long beforeId) {
        Conversation open = conversation.get();
        int asked = generation;
        if (open instanceof Conversation.Direct direct && direct.peerId() <= 0) {
            notice.set("Guests can't receive direct messages: write in a channel instead.");
            return CompletableFuture.completedFuture(null);
        }
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
                loadFailed = true;
                notice.set(Failures.sentence(failure) + " The chat loads again once the connection is back.");
                return;
            }
            loadFailed = false;
            if (notice.get().endsWith("once the connection is back.")) {
                notice.set("");
            }
            page.messages().forEach(message -> messages.put(message.id(), message));
            hasMore.set(page.hasMore());
            rebuild();
            markRead();
        }));
    }

    /** The history around a search result: the message, 20 before and 20 after; older pages load as usual. */
    private void loadAround(long messageId) {
        int asked = generation;
        loading.set(true);
        client.request(new dev.parley.protocol.control.message.Search.Around(messageId, 20, 20),
                dev.parley.protocol.control.message.Search.Context.class).whenComplete((context, failure) -> ui.run(() -> {
                    if (asked != generation) {
                        return;
                    }
                    loading.set(false);
                    if (failure != null) {
                        // Deleted since it was found, or no longer readable: show the present instead.
                        notice.set("That message can't be shown: " + Failures.sentence(failure));
                        loadPage(null);
                        return;
                    }
                    context.messages().forEach(message -> messages.put(message.id(), message));
                    hasMore.set(context.hasOlder());
                    detached.set(context.hasNewer());
                    rebuild();
                    centred.set(context.messageId());
                    if (!context.hasNewer()) {
                        markRead();
                    }
                }));
    }

    private void accept(ChatMessage message) {
        if (conversation.get() == null || !conversation.get().equals(Conversation.of(message, selfId))) {
            return;
        }
        if (detached.get()) {
            return; // newer than a gap: shown once the user goes back to the present
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
                    changed.reactions(), old.file()));
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
        if (open == null || detached.get() || messages.isEmpty() || messages.lastKey() <= lastMarkedRead) {
            return;
        }
        long newest = messages.lastKey();
        lastMarkedRead = newest;
        Chat.MarkRead read = open instanceof Conversation.Channel channel
                ? new Chat.MarkRead(channel.channelId(), null, newest)
                : new Chat.MarkRead(null, ((Conversation.Direct) open).peerId(), newest);
        client.requestOk(read);
        client.eventLoop().executeIfRunning(() -> room.clearUnread(open));
    }

    private void rebuild() {
        Conversation open = conversation.get();
        List<PendingMessage> mine = open == null ? List.of()
                : pending.stream().filter(message -> message.conversation().equals(open)).map(this::shown).toList();
        placeholders.clear();
        List<ChatMessage> shown = messages.values().stream().map(this::shown).toList();
        lines.setAll(ChatLines.build(shown, mine, selfId, selfName, zone));
    }

    /** The message as it reads here: opened when it was sealed for an encrypted channel (notes placeholders). */
    private ChatMessage shown(ChatMessage message) {
        if (message.deleted() || message.text().isEmpty()) {
            return message;
        }
        ChatSealing.Shown text = sealing.incoming(message.channelId(), message.authorId(), message.text());
        if (text.placeholder()) {
            placeholders.add(message.id());
        }
        return text.text().equals(message.text()) ? message : withText(message, text.text());
    }

    private PendingMessage shown(PendingMessage message) {
        Long channelId = message.conversation() instanceof Conversation.Channel channel ? channel.channelId() : null;
        ChatSealing.Shown text = sealing.incoming(channelId, selfId, message.text());
        return new PendingMessage(message.nonce(), message.conversation(), text.text(), message.replyTo(),
                message.queuedAt());
    }

    private static ChatMessage withText(ChatMessage old, String text) {
        return new ChatMessage(old.id(), old.ts(), old.channelId(), old.toUserId(), old.authorId(), old.authorName(),
                text, old.replyTo(), old.editedTs(), old.deleted(), old.nonce(), old.reactions(), old.file());
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
            return;
        }
        if (!(change instanceof RoomChange.UnreadChanged)) {
            // A channel renamed or a peer renamed: the header follows.
            ui.run(() -> {
                Conversation open = conversation.get();
                if (open != null) {
                    client.eventLoop().executeIfRunning(() -> publishTitle(open));
                }
            });
        }
        if (change instanceof RoomChange.Reset || change instanceof RoomChange.UserChanged) {
            publishNames();
        }
        if (change instanceof RoomChange.Reset) {
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

    /** Event thread: who can be @-mentioned (everyone present but me). */
    private void publishNames() {
        if (!room.ready()) {
            return;
        }
        long me = room.self().map(self -> self.id()).orElse(0L);
        List<String> names = room.users().stream()
                .filter(user -> user.id() != me && user.presence() != dev.parley.protocol.control.model.Presence.OFFLINE)
                .map(user -> user.user().name())
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .toList();
        ui.run(() -> memberNames.setAll(names));
    }

    private void publishTyping(Conversation changed) {
        List<String> names = room.typing(changed).stream().map(Typist::name).toList();
        ui.run(() -> {
            if (changed.equals(conversation.get())) {
                typing.set(typingSentence(names));
            }
        });
    }

    /** Event thread: names the conversation from the room's state. */
    private void publishTitle(Conversation of) {
        String text = titleOf(room, of);
        ui.run(() -> {
            if (of.equals(conversation.get())) {
                title.set(text);
            }
        });
    }

    static String titleOf(RoomState room, Conversation of) {
        if (of instanceof Conversation.Channel channel) {
            return room.channel(channel.channelId()).map(info -> "# " + info.name()).orElse("# channel " + channel.channelId());
        }
        long peer = ((Conversation.Direct) of).peerId();
        return "Direct message with " + room.user(peer).map(state -> state.user().name()).orElse("user " + peer);
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
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
