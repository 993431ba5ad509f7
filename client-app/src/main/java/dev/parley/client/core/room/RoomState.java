package dev.parley.client.core.room;

import dev.parley.client.core.ClientEventLoop;
import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UnreadCount;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The room as this client sees it: the channel tree, users with their presence, channel and mute
 * state, me, unread counts, who is typing, and the newest message id. Built from each
 * {@code auth.ok} and kept current from events; a plain model for view-models to read.
 *
 * <p>Confined to the client event thread: read it, and register listeners' work, only there.
 */
public final class RoomState {
    private static final Comparator<ChannelInfo> TREE_ORDER = Comparator.comparingInt(ChannelInfo::position)
            .thenComparing(ChannelInfo::name, String.CASE_INSENSITIVE_ORDER)
            .thenComparingLong(ChannelInfo::id);

    private final ClientEventLoop loop;
    private final LongSupplier clockMillis;
    private final Listeners<RoomChange> listeners = new Listeners<>();
    private final Map<Long, ChannelInfo> channels = new HashMap<>();
    private final Map<Long, UserState> users = new LinkedHashMap<>();
    private final Map<Conversation, Integer> unread = new HashMap<>();
    /** Conversations whose count the room capped at sign-in: at least that many unread (issue 13). */
    private final java.util.Set<Conversation> unreadCapped = new java.util.HashSet<>();
    private final Map<Conversation, Map<Long, Typist>> typing = new HashMap<>();
    private UserInfo self;
    private long myChannelId;
    /** Messages up to this id were counted in the snapshot's unread counts. */
    private long countedUpTo;
    private long lastMessageId;
    /** Counts sign-in snapshots, so pages asked for under an older one are dropped. */
    private long snapshot;

    public RoomState(ClientEventLoop loop) {
        this(loop, () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    /** @param clockMillis a monotonic clock for typing expiry */
    public RoomState(ClientEventLoop loop, LongSupplier clockMillis) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.clockMillis = clockMillis;
    }

    /**
     * A state fed by {@code client}: attach before connecting so the first snapshot is not missed. After
     * each sign-in it pages in the channels and online users {@code auth.ok} had no room for. Any thread.
     */
    public static RoomState attach(ControlClient client) {
        RoomState state = new RoomState(client.eventLoop());
        client.onSignedIn(auth -> {
            state.reset(auth);
            state.loadRest(auth, new ControlClientPages(client));
        });
        client.onEvent(state::apply);
        return state;
    }

    /** Asks the server for the next page of a list; replies complete on the event thread. */
    public interface Pages {
        CompletableFuture<Directory.ChannelPage> channels(long afterId);

        CompletableFuture<Directory.UserPage> users(long afterId);
    }

    private record ControlClientPages(ControlClient client) implements Pages {
        @Override
        public CompletableFuture<Directory.ChannelPage> channels(long afterId) {
            return client.request(new Directory.ListChannels(afterId, null), Directory.ChannelPage.class);
        }

        @Override
        public CompletableFuture<Directory.UserPage> users(long afterId) {
            return client.request(new Directory.ListUsers(afterId, null), Directory.UserPage.class);
        }
    }

    /**
     * Pages in what the snapshot left out. A page reflects the room when the server built it, and
     * events before it arrived before it, so an entry on a page is newer than anything applied so far:
     * it replaces. A page that belongs to an older sign-in is dropped.
     */
    public void loadRest(Session.AuthOk auth, Pages pages) {
        loop.checkEventThread();
        long generation = snapshot;
        if (auth.moreChannels()) {
            nextChannels(pages, generation, auth.channels().stream().mapToLong(ChannelInfo::id).max().orElse(0));
        }
        if (auth.moreUsers()) {
            nextUsers(pages, generation, auth.users().stream().mapToLong(UserState::id).max().orElse(Long.MIN_VALUE));
        }
    }

    private void nextChannels(Pages pages, long generation, long afterId) {
        pages.channels(afterId).thenAccept(page -> {
            if (generation != snapshot || page.channels().isEmpty()) {
                return;
            }
            page.channels().forEach(this::putChannel);
            if (page.hasMore()) {
                nextChannels(pages, generation, page.channels().get(page.channels().size() - 1).id());
            }
        });
    }

    private void nextUsers(Pages pages, long generation, long afterId) {
        pages.users(afterId).thenAccept(page -> {
            if (generation != snapshot || page.users().isEmpty()) {
                return;
            }
            page.users().forEach(this::userChanged);
            if (page.hasMore()) {
                nextUsers(pages, generation, page.users().get(page.users().size() - 1).id());
            }
        });
    }

    public Subscription onChange(Consumer<? super RoomChange> listener) {
        return listeners.add(listener);
    }

    // ---- reading --------------------------------------------------------------------------------

    /** False until the first snapshot arrived. */
    public boolean ready() {
        loop.checkEventThread();
        return self != null;
    }

    public Optional<UserInfo> self() {
        loop.checkEventThread();
        return Optional.ofNullable(self);
    }

    public long myChannelId() {
        loop.checkEventThread();
        return myChannelId;
    }

    public Optional<ChannelInfo> channel(long channelId) {
        loop.checkEventThread();
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The top of the tree (normally just the lobby). */
    public List<ChannelInfo> roots() {
        loop.checkEventThread();
        return channels.values().stream().filter(channel -> channel.parentId() == null).sorted(TREE_ORDER).toList();
    }

    public List<ChannelInfo> children(long parentId) {
        loop.checkEventThread();
        return channels.values().stream()
                .filter(channel -> channel.parentId() != null && channel.parentId() == parentId)
                .sorted(TREE_ORDER)
                .toList();
    }

    public List<ChannelInfo> channels() {
        loop.checkEventThread();
        return channels.values().stream().sorted(TREE_ORDER).toList();
    }

    public Optional<UserState> user(long userId) {
        loop.checkEventThread();
        return Optional.ofNullable(users.get(userId));
    }

    /**
     * Everyone known: online users, and accounts seen going offline or changing while this client
     * watched. Not every account: a room's members are asked for page by page ({@code members.list}).
     */
    public List<UserState> users() {
        loop.checkEventThread();
        return List.copyOf(users.values());
    }

    public List<UserState> usersIn(long channelId) {
        loop.checkEventThread();
        return users.values().stream()
                .filter(user -> user.channelId() != null && user.channelId() == channelId)
                .sorted(Comparator.comparing(user -> user.user().name(), String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    public int unread(Conversation conversation) {
        loop.checkEventThread();
        return unread.getOrDefault(conversation, 0);
    }

    /** The room stopped counting this conversation's unread messages at sign-in: there are at least {@link #unread}. */
    public boolean unreadCapped(Conversation conversation) {
        loop.checkEventThread();
        return unreadCapped.contains(conversation);
    }

    public Map<Conversation, Integer> unreadCounts() {
        loop.checkEventThread();
        return Map.copyOf(unread);
    }

    /** Who is typing there now, by name. */
    public List<Typist> typing(Conversation conversation) {
        loop.checkEventThread();
        return typing.getOrDefault(conversation, Map.of()).values().stream()
                .sorted(Comparator.comparing(Typist::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The newest chat message id this client knows of. */
    public long lastMessageId() {
        loop.checkEventThread();
        return lastMessageId;
    }

    // ---- changing -------------------------------------------------------------------------------

    /** The user has seen a conversation; the view also sends {@code chat.read} to the server. */
    public void clearUnread(Conversation conversation) {
        loop.checkEventThread();
        unreadCapped.remove(conversation);
        if (unread.remove(conversation) != null) {
            listeners.fire(new RoomChange.UnreadChanged(conversation, 0));
        }
    }

    /** Starts over from a sign-in snapshot. */
    public void reset(Session.AuthOk auth) {
        loop.checkEventThread();
        snapshot++;
        self = auth.self();
        myChannelId = auth.channelId();
        channels.clear();
        auth.channels().forEach(channel -> channels.put(channel.id(), channel));
        users.clear();
        auth.users().forEach(user -> users.put(user.id(), user));
        unread.clear();
        unreadCapped.clear();
        for (UnreadCount count : auth.unread()) {
            if (count.count() > 0) {
                Conversation conversation = count.channelId() != null ? Conversation.channel(count.channelId())
                        : Conversation.direct(count.userId());
                unread.put(conversation, count.count());
                if (Boolean.TRUE.equals(count.capped())) {
                    unreadCapped.add(conversation);
                }
            }
        }
        typing.clear();
        countedUpTo = auth.lastMessageId();
        lastMessageId = Math.max(lastMessageId, auth.lastMessageId());
        listeners.fire(new RoomChange.Reset());
    }

    /** Applies one event from the server. */
    public void apply(Event event) {
        loop.checkEventThread();
        if (self == null) {
            return;
        }
        if (event instanceof Channels.Added added) {
            putChannel(added.channel());
        } else if (event instanceof Channels.Updated updated) {
            putChannel(updated.channel());
        } else if (event instanceof Channels.Removed removed) {
            if (channels.remove(removed.channelId()) != null) {
                listeners.fire(new RoomChange.ChannelChanged(removed.channelId()));
            }
        } else if (event instanceof Users.StateChanged changed) {
            userChanged(changed.user());
        } else if (event instanceof Users.Moved moved) {
            userMoved(moved);
        } else if (event instanceof Chat.Posted posted) {
            messagePosted(posted.message());
        } else if (event instanceof Chat.TypingChanged changed) {
            typingChanged(changed);
        }
    }

    private void putChannel(ChannelInfo channel) {
        channels.put(channel.id(), channel);
        listeners.fire(new RoomChange.ChannelChanged(channel.id()));
    }

    private void userChanged(UserState state) {
        users.put(state.id(), state);
        if (state.id() == self.id()) {
            self = state.user();
        }
        if (state.presence() == Presence.OFFLINE) {
            stopTypingEverywhere(state.id());
        }
        listeners.fire(new RoomChange.UserChanged(state.id()));
    }

    private void userMoved(Users.Moved moved) {
        if (moved.userId() == self.id()) {
            myChannelId = moved.toChannelId();
        }
        UserState known = users.get(moved.userId());
        if (known != null) {
            users.put(moved.userId(), new UserState(known.user(), known.presence(), moved.toChannelId(),
                    known.lastSeen(), known.muted(), known.selfMuted(), known.deafened()));
        }
        listeners.fire(new RoomChange.UserChanged(moved.userId()));
    }

    private void messagePosted(ChatMessage message) {
        lastMessageId = Math.max(lastMessageId, message.id());
        Conversation conversation = Conversation.of(message, self.id());
        stopTyping(conversation, message.authorId());
        // Messages up to the snapshot's newest id are already in its unread counts.
        if (message.authorId() != self.id() && message.id() > countedUpTo && !message.deleted()) {
            int count = unread.merge(conversation, 1, Integer::sum);
            listeners.fire(new RoomChange.UnreadChanged(conversation, count));
        }
    }

    private void typingChanged(Chat.TypingChanged changed) {
        if (changed.userId() == self.id()) {
            return;
        }
        Conversation conversation = changed.channelId() != null
                ? Conversation.channel(changed.channelId()) : Conversation.direct(changed.userId());
        if (!changed.active()) {
            stopTyping(conversation, changed.userId());
            return;
        }
        long expiresAt = clockMillis.getAsLong() + changed.expiresInMs();
        typing.computeIfAbsent(conversation, key -> new LinkedHashMap<>())
                .put(changed.userId(), new Typist(changed.userId(), changed.name(), expiresAt));
        listeners.fire(new RoomChange.TypingChanged(conversation));
        loop.schedule(() -> expireTyping(conversation, changed.userId()), changed.expiresInMs(), TimeUnit.MILLISECONDS);
    }

    private void expireTyping(Conversation conversation, long userId) {
        Typist typist = typing.getOrDefault(conversation, Map.of()).get(userId);
        if (typist == null) {
            return;
        }
        long left = typist.expiresAtMillis() - clockMillis.getAsLong();
        if (left <= 0) {
            stopTyping(conversation, userId);
        } else {
            // Refreshed since this timer was set, or the clocks rounded differently: look again later.
            loop.schedule(() -> expireTyping(conversation, userId), left, TimeUnit.MILLISECONDS);
        }
    }

    private void stopTyping(Conversation conversation, long userId) {
        Map<Long, Typist> typists = typing.get(conversation);
        if (typists != null && typists.remove(userId) != null) {
            if (typists.isEmpty()) {
                typing.remove(conversation);
            }
            listeners.fire(new RoomChange.TypingChanged(conversation));
        }
    }

    private void stopTypingEverywhere(long userId) {
        List.copyOf(typing.keySet()).forEach(conversation -> stopTyping(conversation, userId));
    }
}
