package dev.parley.client.ui.search;

import dev.parley.client.core.e2e.SealedSearch;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.net.NotConnected;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.net.RequestTimedOut;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.core.search.MessageMatcher;
import dev.parley.client.ui.e2e.ChannelKeys;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The search panel's state: the fields, the results so far (paged with "more results") and a status
 * line that says what happened in words. Searches with {@code chat.search} through the app's own
 * connection, as the CLI's {@code --search} does; the room decides what the user may find. The room
 * cannot read end-to-end encrypted channels, so those are searched on this device with the keys the app holds
 * ({@link SealedSearch}: their newest messages, opened and matched here): alone when the scope is such a
 * channel, beside the room's search when it is everything; {@link #noteProperty()} says what was searched here
 * and what was not.
 *
 * <p>Threads: properties and the result list are UI thread only. Names (people, channels) are read
 * from {@link RoomState} on the client's event thread, and the results handed back through {@link UiThread}.
 */
public final class SearchModel {
    private static final Logger log = LoggerFactory.getLogger(SearchModel.class);
    /** What the scope "this channel" says when it is encrypted and no passphrase for it was given. */
    public static final String NEEDS_PASSPHRASE = "Enter this channel's passphrase to search it.";
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
    private final StringProperty note = new SimpleStringProperty("");
    /** Set once, before the first search (then read on the event thread); null: encrypted channels are not searched here. */
    private volatile SealedScope sealed;
    // UI thread only:
    private SearchForm current;
    private Long nextBeforeId;
    /** Bumped by each new search, so a late page of an older one is dropped. */
    private int generation;
    /** Set when the next search starts: the encrypted channels still being read for this one stop. */
    private AtomicBoolean superseded = new AtomicBoolean();
    /** Parts of the current search (the room's page, each encrypted channel) not answered yet. */
    private int waiting;
    private final List<String> notes = new ArrayList<>();
    /** Ids in {@link #results}: a channel's plain history from before it was encrypted is found by the room and here too. */
    private final Set<Long> listed = new HashSet<>();

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

    /**
     * Searches end-to-end encrypted channels on this device with the keys held: call once, before searching.
     *
     * @param sealed pages, opens and matches one channel's history
     */
    public void useSealedSearch(ChannelKeys keys, SealedSearch sealed) {
        this.sealed = new SealedScope(keys, sealed);
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

    /**
     * What was searched on this device rather than by the room (encrypted channels), where that search stopped,
     * and which encrypted channels were skipped for want of a passphrase; empty when the room searched it all.
     */
    public StringProperty noteProperty() {
        return note;
    }

    /** The status line reports a problem (not a count). */
    public BooleanProperty failedProperty() {
        return failed;
    }

    /** A new search with the fields as they are now: the results so far are replaced, a search still running stops. */
    public void search() {
        Conversation here = open.get();
        current = new SearchForm(text.get(), everywhere.get() || here == null ? null : here, from.get(),
                onOrAfter.get(), onOrBefore.get(), hasFile.get());
        generation++;
        superseded.set(true);
        superseded = new AtomicBoolean();
        results.clear();
        listed.clear();
        hasMore.set(false);
        nextBeforeId = null;
        notes.clear();
        note.set("");
        waiting = 0;
        fetch(current, null, generation, superseded);
    }

    /** The next page of the current search ("more results"); nothing when there is none. */
    public void more() {
        if (current == null || !hasMore.get() || busy.get()) {
            return;
        }
        fetch(current, nextBeforeId, generation, superseded);
    }

    private void fetch(SearchForm form, Long beforeId, int asked, AtomicBoolean stop) {
        busy.set(true);
        failed.set(false);
        status.set("Searching…");
        waiting++; // the plan below, which says how many parts follow
        boolean queued = client.eventLoop().executeIfRunning(() -> {
            Search.Query query;
            try {
                query = form.query(this::accountNamed, zone, beforeId, PAGE);
            } catch (SearchForm.Unusable e) {
                ui.run(() -> fail(asked, e.getMessage()));
                return;
            }
            Set<String> terms = Snippets.terms(query.text());
            SealedScope scope = sealed;
            SealedScope.Plan plan = beforeId == null && scope != null ? scope.plan(form.within(), room) : SealedScope.Plan.ROOM;
            if (plan.needsPassphrase()) {
                ui.run(() -> fail(asked, NEEDS_PASSPHRASE));
                return;
            }
            String skipped = plan.skippedNote();
            ui.run(() -> planned(asked, plan.parts(), skipped));
            MessageMatcher matcher = MessageMatcher.of(query);
            for (ChannelInfo channel : plan.channels()) {
                searchHere(scope, channel, matcher, terms, !plan.roomToo(), asked, stop);
            }
            if (plan.roomToo()) {
                askRoom(query, terms, asked);
            }
        });
        if (!queued) {
            fail(asked, "You have left this room: join it again to search.");
        }
    }

    private void askRoom(Search.Query query, Set<String> terms, int asked) {
        client.request(query, Search.Results.class).whenComplete((page, failure) -> {
            if (failure != null) {
                ui.run(() -> partFailed(asked, sentence(failure)));
                return;
            }
            client.eventLoop().executeIfRunning(() -> {
                List<SearchResult> rows = page.messages().stream().map(message -> describe(message, terms)).toList();
                ui.run(() -> arrived(asked, rows, page));
            });
        });
    }

    /** Reads one encrypted channel's newest messages on this device; {@code alone}: it is the whole scope. */
    private void searchHere(SealedScope scope, ChannelInfo channel, MessageMatcher matcher, Set<String> terms,
                            boolean alone, int asked, AtomicBoolean stop) {
        scope.search(channel, matcher, stop::get).whenComplete((outcome, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof CancellationException) {
                    return; // a newer search replaced this one: nothing to say
                }
                log.debug("Searching encrypted channel {} here failed: {}", channel.id(), cause.toString());
                // Everywhere, a channel one may not read is left out without a word, as the room's search does.
                String said = alone ? sentence(cause) : null;
                ui.run(() -> partFailed(asked, said));
                return;
            }
            client.eventLoop().executeIfRunning(() -> {
                List<SearchResult> rows = outcome.matches().stream().map(message -> describe(message, terms)).toList();
                String said = SealedScope.note(channel, outcome, alone);
                ui.run(() -> arrivedHere(asked, rows, said));
            });
        });
    }

    // ---- UI thread: the parts of a search arrive ------------------------------------------------

    private void planned(int asked, int parts, String skipped) {
        if (asked != generation) {
            return;
        }
        waiting += parts;
        if (skipped != null) {
            notes.add(skipped);
        }
        partDone();
    }

    private void arrived(int asked, List<SearchResult> rows, Search.Results page) {
        if (asked != generation) {
            return;
        }
        add(rows);
        hasMore.set(page.hasMore());
        nextBeforeId = page.nextBeforeId();
        partDone();
    }

    private void arrivedHere(int asked, List<SearchResult> rows, String said) {
        if (asked != generation) {
            return;
        }
        add(rows);
        notes.add(said);
        partDone();
    }

    /** Rows join the list newest first, wherever they fall: the room's pages and the channels read here interleave. */
    private void add(List<SearchResult> found) {
        List<SearchResult> rows = found.stream().filter(row -> listed.add(row.message().id())).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (results.isEmpty() || rows.get(0).message().id() < results.get(results.size() - 1).message().id()) {
            results.addAll(rows); // the common case, and the one that keeps the list's selection when paging on
            return;
        }
        List<SearchResult> merged = new ArrayList<>(results);
        merged.addAll(rows);
        merged.sort(Comparator.comparingLong((SearchResult row) -> row.message().id()).reversed());
        results.setAll(merged);
    }

    /** One part of the search could not be done; {@code sentence} null: left out without a word. */
    private void partFailed(int asked, String sentence) {
        if (asked != generation) {
            return;
        }
        if (sentence != null) {
            failed.set(true);
            status.set(sentence);
        }
        partDone();
    }

    private void partDone() {
        waiting--;
        note.set(String.join(" ", notes));
        if (failed.get()) {
            busy.set(waiting > 0);
            return;
        }
        if (waiting > 0) {
            status.set(results.isEmpty() ? "Searching…"
                    : (results.size() == 1 ? "1 result" : results.size() + " results") + " so far, still searching…");
            return;
        }
        busy.set(false);
        if (results.isEmpty() && !hasMore.get()) {
            status.set("No messages match.");
        } else {
            status.set((results.size() == 1 ? "1 result" : results.size() + " results")
                    + (hasMore.get() ? " so far" : ""));
        }
    }

    private void fail(int asked, String sentence) {
        if (asked != generation) {
            return;
        }
        waiting = 0;
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
