package dev.parley.client.ui.friends;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.friends.FriendBook;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.Presence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Friends section: friends with presence, requests waiting for me and requests I sent, the
 * count of requests waiting (the badge), and the actions, each saying in words what happened or why
 * not. A copy of {@link FriendBook} for the UI thread; UI thread only.
 */
public final class FriendsViewModel implements AutoCloseable {
    /** One row: a friend or a request either way. */
    public record Row(long userId, String name, FriendStatus status, Presence presence) {
    }

    private final FriendBook book;
    private final UiThread ui;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** How I stand to everyone in the book, for the menus (who is not here is {@code NONE}). */
    private final Map<Long, FriendStatus> statuses = new HashMap<>();
    private final IntegerProperty waiting = new SimpleIntegerProperty();
    /** Counts changes of how I stand to anyone (not presence): menus drawn earlier are stale after each. */
    private final IntegerProperty statusesChanged = new SimpleIntegerProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final BooleanProperty noticeIsGoodNews = new SimpleBooleanProperty();
    private final Subscription subscription;
    private Consumer<String> incomingRequest = name -> { };
    private Consumer<String> requestAccepted = name -> { };

    public FriendsViewModel(ControlClient client, UiThread ui) {
        this(FriendBook.attach(client), client, ui);
    }

    FriendsViewModel(FriendBook book, ControlClient client, UiThread ui) {
        this.book = book;
        this.ui = ui;
        CompletableFuture<Subscription> listening = new CompletableFuture<>();
        client.eventLoop().executeIfRunning(() -> {
            listening.complete(book.onChange(change -> {
                List<Friends.Entry> now = book.entries();
                ui.run(() -> {
                    publish(now);
                    if (change instanceof FriendBook.Change.StatusChanged status) {
                        String name = status.now().user().user().name();
                        if (status.newIncoming()) {
                            incomingRequest.accept(name);
                        } else if (status.accepted()) {
                            requestAccepted.accept(name);
                        }
                    }
                });
            }));
            if (book.loaded()) {
                List<Friends.Entry> now = book.entries();
                ui.run(() -> publish(now));
            }
        });
        this.subscription = () -> listening.thenAccept(Subscription::close);
    }

    private void publish(List<Friends.Entry> entries) {
        Map<Long, FriendStatus> now = new HashMap<>();
        entries.forEach(entry -> now.put(entry.user().id(), entry.status()));
        if (!now.equals(statuses)) {
            statuses.clear();
            statuses.putAll(now);
            statusesChanged.set(statusesChanged.get() + 1);
        }
        rows.setAll(entries.stream().map(entry -> new Row(entry.user().id(), entry.user().user().name(), entry.status(),
                entry.user().presence())).toList());
        waiting.set((int) entries.stream().filter(entry -> entry.status() == FriendStatus.INCOMING).count());
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Requests waiting for my answer: the badge on the section. */
    public IntegerProperty waitingProperty() {
        return waiting;
    }

    /** What the last action did, or why it could not; empty when there is nothing to say. */
    public StringProperty noticeProperty() {
        return notice;
    }

    public BooleanProperty noticeIsGoodNewsProperty() {
        return noticeIsGoodNews;
    }

    public javafx.beans.value.ObservableIntegerValue statusesChangedProperty() {
        return statusesChanged;
    }

    /** How I stand to {@code userId}, as far as the room last told. */
    public FriendStatus statusOf(long userId) {
        return statuses.getOrDefault(userId, FriendStatus.NONE);
    }

    /** Called with the asker's name when a friend request arrives while I am here. */
    public void onIncomingRequest(Consumer<String> listener) {
        this.incomingRequest = listener;
    }

    /** Called with their name when someone I asked says yes. */
    public void onRequestAccepted(Consumer<String> listener) {
        this.requestAccepted = listener;
    }

    /** The core book (privacy options, tests). */
    public FriendBook book() {
        return book;
    }

    public void request(long userId, String name) {
        act(book.request(userId), "Friend request sent to " + name + ".", "Friend request to " + name + " not sent: ");
    }

    public void accept(long userId, String name) {
        act(book.accept(userId), "You and " + name + " are friends now.", "Could not accept " + name + "'s request: ");
    }

    public void decline(long userId, String name) {
        act(book.decline(userId), "Declined " + name + "'s friend request.", "Could not decline " + name + "'s request: ");
    }

    public void cancel(long userId, String name) {
        act(book.cancel(userId), "Friend request to " + name + " taken back.", "Could not take back the request to "
                + name + ": ");
    }

    public void unfriend(long userId, String name) {
        act(book.unfriend(userId), "You and " + name + " are no longer friends.", "Could not unfriend " + name + ": ");
    }

    private void act(CompletableFuture<Ok> sent, String done, String failed) {
        notice.set("");
        sent.whenComplete((ok, failure) -> ui.run(() -> {
            noticeIsGoodNews.set(failure == null);
            notice.set(failure == null ? done : failed + Failures.sentence(failure));
        }));
    }

    @Override
    public void close() {
        subscription.close();
        book.close();
    }
}
