package dev.parley.client.ui.search;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.NotConnected;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.net.RequestTimedOut;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The search panel's state: the fields, the results so far (paged with "more results") and a status
 * line that says what happened in words. Searches with {@code chat.search} through the app's own
 * connection, as the CLI's {@code --search} does; the room decides what the user may find.
 *
 * <p>Threads: properties and the result list are UI thread only. Names (people, channels) are read
 * from {@link RoomState} on the client's event thread, and the results handed back through {@link UiThread}.
 */
public final class SearchModel {
    /** Results per page: a screenful or two. */
    static final int PAGE = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);

    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ZoneId zone;
    private final ReadOnlyObjectProperty<Conversation> open;
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty from = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> onOrAfter = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> onOrBefore = new SimpleObjectProperty<>();
    private final BooleanProperty hasFile = new SimpleBooleanProperty();
    /** true: everything I may read; false: the open conversation only. */
    private final BooleanProperty everywhere = new SimpleBooleanProperty();
    private final ObservableList<SearchResult> results = FXCollections.observableArrayList();
    private final BooleanProperty hasMore = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    // UI thread only:
    private SearchForm current;
    private Long nextBeforeId;
    /** Bumped by each new search, so a late page of an older one is dropped. */
    private int generation;

    /** @param open the conversation the chat shows, for the "this channel / this DM" scope */
    public SearchModel(ControlClient client, RoomState room, UiThread ui, ReadOnlyObjectProperty<Conversation> open) {
        this(client, room, ui, open, ZoneId.systemDefault());
    }

    public SearchModel(ControlClient client, RoomState room, UiThread ui, ReadOnlyObjectProperty<Conversation> open,
                       ZoneId zone) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        this.open = open;
        this.zone = zone;
    }

    public StringProperty textProperty() {
        return text;
    }

    /** Who wrote it: a name in the room, empty for anyone. */
    public StringProperty fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> onOrAfterProperty() {
        return onOrAfter;
    }

    public ObjectProperty<LocalDate> onOrBeforeProperty() {
        return onOrBefore;
    }

    public BooleanProperty hasFileProperty() {
        return hasFile;
    }

    public BooleanProperty everywhereProperty() {
        return everywhere;
    }

    public ReadOnlyObjectProperty<Conversation> openConversationProperty() {
        return open;
    }

    public ObservableList<SearchResult> results() {
        return results;
    }

    public BooleanProperty hasMoreProperty() {
        return hasMore;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** "12 results", "No messages match.", or what went wrong. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The status line reports a problem (not a count). */
    public BooleanProperty failedProperty() {
        return failed;
    }

    /** A new search with the fields as they are now: the results so far are replaced. */
    public void search() {
        Conversation here = open.get();
        current = new SearchForm(text.get(), everywhere.get() || here == null ? null : here, from.get(),
                onOrAfter.get(), onOrBefore.get(), hasFile.get());
        generation++;
        results.clear();
        hasMore.set(false);
        nextBeforeId = null;
        fetch(current, null, generation);
    }

    /** The next page of the current search ("more results"); nothing when there is none. */
    public void more() {
        if (current == null || !hasMore.get() || busy.get()) {
            return;
        }
        fetch(current, nextBeforeId, generation);
    }

    private void fetch(SearchForm form, Long beforeId, int asked) {
        busy.set(true);
        failed.set(false);
        status.set("Searching…");
        boolean queued = client.eventLoop().executeIfRunning(() -> {
            Search.Query query;
            try {
                query = form.query(this::accountNamed, zone, beforeId, PAGE);
            } catch (SearchForm.Unusable e) {
                ui.run(() -> fail(asked, e.getMessage()));
                return;
            }
            Set<String> terms = Snippets.terms(query.text());
            client.request(query, Search.Results.class).whenComplete((page, failure) -> {
                if (failure != null) {
                    ui.run(() -> fail(asked, sentence(failure)));
                    return;
                }
                client.eventLoop().executeIfRunning(() -> {
                    List<SearchResult> rows = page.messages().stream().map(message -> describe(message, terms)).toList();
                    ui.run(() -> arrived(asked, rows, page));
                });
            });
        });
        if (!queued) {
            fail(asked, "You have left this room: join it again to search.");
        }
    }

    private void arrived(int asked, List<SearchResult> rows, Search.Results page) {
        if (asked != generation) {
            return;
        }
        busy.set(false);
        results.addAll(rows);
        hasMore.set(page.hasMore());
        nextBeforeId = page.nextBeforeId();
        if (results.isEmpty() && !page.hasMore()) {
            status.set("No messages match.");
        } else {
            status.set((results.size() == 1 ? "1 result" : results.size() + " results")
                    + (page.hasMore() ? " so far" : ""));
        }
    }

    private void fail(int asked, String sentence) {
        if (asked != generation) {
            return;
        }
        busy.set(false);
        failed.set(true);
        status.set(sentence);
    }

    /** What went wrong, for a person: the room gone, busy, a place they may not search, or the room's own words. */
    static String sentence(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof NotConnected) {
            return "The room can't be reached right now. Search again once Parley has reconnected.";
        }
        if (cause instanceof RequestTimedOut) {
            return "The room did not answer in time. Search again in a moment.";
        }
        if (cause instanceof RequestFailed refused) {
            if (refused.code() == ErrorCode.RATE_LIMITED) {
                return "The room is busy: search again in a moment.";
            }
            if (refused.code() == ErrorCode.FORBIDDEN || refused.code() == ErrorCode.NOT_FOUND) {
                return "You can't search there: " + Failures.plain(refused.getMessage());
            }
        }
        return "The search did not work: " + Failures.sentence(cause);
    }

    // ---- event thread ---------------------------------------------------------------------------

    private Optional<Long> accountNamed(String name) {
        return room.users().stream()
                .filter(user -> user.id() > 0 && user.user().name().equalsIgnoreCase(name))
                .map(user -> user.id())
                .findFirst();
    }

    private SearchResult describe(ChatMessage message, Set<String> terms) {
        long selfId = room.self().map(self -> self.id()).orElse(0L);
        Conversation where = Conversation.of(message, selfId);
        String place;
        if (where instanceof Conversation.Channel channel) {
            place = room.channel(channel.channelId()).map(info -> "# " + info.name())
                    .orElse("# channel " + channel.channelId());
        } else {
            long peer = ((Conversation.Direct) where).peerId();
            place = "DM with " + room.user(peer).map(user -> user.user().name())
                    .orElse(peer == message.authorId() ? message.authorName() : "user " + peer);
        }
        String body = message.text();
        if (message.file() != null) {
            body = body.isEmpty() ? "File: " + message.file().name() : body + " · File: " + message.file().name();
        }
        return new SearchResult(message, where, place, message.authorName(),
                WHEN.format(Instant.ofEpochMilli(message.ts()).atZone(zone)), Snippets.of(body, terms));
    }
}
