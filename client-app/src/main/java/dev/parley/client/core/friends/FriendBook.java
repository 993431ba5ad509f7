package dev.parley.client.core.friends;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Friends;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.FriendStatus;
import dev.parley.protocol.control.model.UserState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * My friends and friend requests in one room (PROTOCOL §21), kept up to date: the whole list is read
 * at every sign-in ({@code friend.list}, so requests made while I was away are there), then each
 * {@code friend.changed} event and my friends' {@code user.state}/{@code user.moved} events change it.
 * Also the requests themselves (ask, accept, decline, cancel, end) and the two privacy options.
 *
 * <p>Threading: the book lives on the client event thread, like {@code RoomState}; its listeners are
 * called there, and {@link #entries()} and {@link #status(long)} may only be read there. The request
 * methods are thread-safe (they only send).
 */
public final class FriendBook implements AutoCloseable {
    /** What changed in the book. */
    public sealed interface Change {
        /** The whole list was read again (sign-in, reconnect). */
        record Loaded() implements Change {
        }

        /** How I stand to someone changed ({@code before} what it was; {@code NONE} for someone new). */
        record StatusChanged(Friends.Entry now, FriendStatus before) implements Change {
            /** Someone asked me to be friends just now (not a request read again at sign-in). */
            public boolean newIncoming() {
                return now.status() == FriendStatus.INCOMING && before != FriendStatus.INCOMING;
            }

            /** Someone I had asked said yes. */
            public boolean accepted() {
                return now.status() == FriendStatus.FRIEND && before == FriendStatus.OUTGOING;
            }
        }

        /** A friend's presence or channel changed. */
        record PresenceChanged(Friends.Entry now) implements Change {
        }
    }

    /** Friends and requests: requests waiting for me first, then friends, then requests I sent; by name within each. */
    public static final Comparator<Friends.Entry> ORDER = Comparator
            .comparingInt((Friends.Entry entry) -> switch (entry.status()) {
                case INCOMING -> 0;
                case FRIEND -> 1;
                case OUTGOING -> 2;
                case NONE -> 3;
            })
            .thenComparing(entry -> entry.user().user().name(), String.CASE_INSENSITIVE_ORDER);

    private final ControlClient client;
    private final Listeners<Change> listeners = new Listeners<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Event thread only: everyone who is a friend or has a request waiting either way, by user id. */
    private final Map<Long, Friends.Entry> entries = new LinkedHashMap<>();
    /** Event thread only: counts list reads, so a stale reply (an older sign-in's) is dropped. */
    private long loads;
    private boolean loaded;

    private FriendBook(ControlClient client) {
        this.client = client;
    }

    /**
     * A book for {@code client}, reading the list now if it is signed in and again at every sign-in.
     * Call from any thread; the book fills in on the event thread.
     */
    public static FriendBook attach(ControlClient client) {
        FriendBook book = new FriendBook(client);
        client.eventLoop().executeIfRunning(book::start);
        return book;
    }

    private void start() {
        subscriptions.add(client.on(Friends.Changed.class, this::changed));
        subscriptions.add(client.on(Users.StateChanged.class, event -> presence(event.user())));
        subscriptions.add(client.on(Users.Moved.class, this::moved));
        subscriptions.add(client.onSignedIn(auth -> reload()));
        if (client.status().state() == ConnectionState.CONNECTED) {
            reload();
        }
    }

    /** Listens to the book's changes, on the event thread. */
    public Subscription onChange(Consumer<? super Change> listener) {
        return listeners.add(listener);
    }

    /** Event thread: everyone in the book, in {@link #ORDER}. */
    public List<Friends.Entry> entries() {
        client.eventLoop().checkEventThread();
        return entries.values().stream().sorted(ORDER).toList();
    }

    /** Event thread: whether the list has been read since the book was made. */
    public boolean loaded() {
        client.eventLoop().checkEventThread();
        return loaded;
    }

    /** Event thread: how I stand to {@code userId} ({@code NONE} for anyone not in the book). */
    public FriendStatus status(long userId) {
        client.eventLoop().checkEventThread();
        Friends.Entry entry = entries.get(userId);
        return entry == null ? FriendStatus.NONE : entry.status();
    }

    /** Reads the whole list again (done by itself at every sign-in). Event thread. */
    public CompletableFuture<Friends.FriendList> reload() {
        long load = ++loads;
        return client.request(new Friends.ListFriends(), Friends.FriendList.class).whenComplete((list, failure) -> {
            if (failure != null || load != loads) {
                return; // offline again, or a newer read is on its way; the next sign-in reads it again
            }
            entries.clear();
            list.friends().stream().filter(entry -> entry.status() != FriendStatus.NONE)
                    .forEach(entry -> entries.put(entry.user().id(), entry));
            loaded = true;
            listeners.fire(new Change.Loaded());
        });
    }

    private void changed(Friends.Changed event) {
        long id = event.user().id();
        Friends.Entry before = entries.get(id);
        Friends.Entry now = new Friends.Entry(event.user(), event.status(), event.since());
        if (event.status() == FriendStatus.NONE) {
            entries.remove(id);
        } else {
            entries.put(id, now);
        }
        listeners.fire(new Change.StatusChanged(now, before == null ? FriendStatus.NONE : before.status()));
    }

    private void presence(UserState state) {
        Friends.Entry known = entries.get(state.id());
        if (known != null) {
            Friends.Entry now = new Friends.Entry(state, known.status(), known.since());
            entries.put(state.id(), now);
            listeners.fire(new Change.PresenceChanged(now));
        }
    }

    private void moved(Users.Moved moved) {
        Friends.Entry known = entries.get(moved.userId());
        if (known != null) {
            UserState was = known.user();
            presence(new UserState(was.user(), was.presence(), moved.toChannelId(), was.lastSeen(), was.muted(),
                    was.selfMuted(), was.deafened()));
        }
    }

    /** Asks {@code userId} to be friends (friends at once if they asked me). */
    public CompletableFuture<Ok> request(long userId) {
        return client.requestOk(new Friends.Ask(userId));
    }

    public CompletableFuture<Ok> accept(long userId) {
        return client.requestOk(new Friends.Accept(userId));
    }

    public CompletableFuture<Ok> decline(long userId) {
        return client.requestOk(new Friends.Decline(userId));
    }

    /** Takes back the request I sent {@code userId}. */
    public CompletableFuture<Ok> cancel(long userId) {
        return client.requestOk(new Friends.Cancel(userId));
    }

    /** Ends the friendship with {@code userId}. */
    public CompletableFuture<Ok> unfriend(long userId) {
        return client.requestOk(new Friends.Remove(userId));
    }

    /** Reads my privacy options. */
    public CompletableFuture<Friends.Privacy> privacy() {
        return client.request(new Friends.SetPrivacy(null, null), Friends.Privacy.class);
    }

    /** Changes my privacy options; null leaves one as it is. Completes with both as the room now has them. */
    public CompletableFuture<Friends.Privacy> setPrivacy(Boolean dmFriendsOnly, Boolean presenceFriendsOnly) {
        return client.request(new Friends.SetPrivacy(dmFriendsOnly, presenceFriendsOnly), Friends.Privacy.class);
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
