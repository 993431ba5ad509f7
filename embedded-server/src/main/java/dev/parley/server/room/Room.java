package dev.parley.server.room;

import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.message.Event;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.protocol.control.model.UserState;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelTree;
import dev.parley.server.channel.ChannelUnlocks;
import dev.parley.server.channel.PermissionPolicy;
import dev.parley.server.session.OnlineUser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Who is in the room and where, the channel tree and its permissions, and the ways to tell
 * everyone about a change. Owned by the room thread, like everything it holds.
 */
public final class Room {
    /** What a reader that fell behind on presence is sent per catch-up round: a few dozen states. */
    private static final int CATCH_UP_BYTES = 8 * 1024;
    private static final long CATCH_UP_PERIOD_MILLIS = 100;

    /** An account as the room remembers it while its owner is offline. */
    public record KnownAccount(UserInfo info, Long lastSeen) {
    }

    private final Map<Long, OnlineUser> online = new LinkedHashMap<>();
    private final Map<Long, KnownAccount> accounts = new HashMap<>();
    /** Indexes for paging: online users by id, accounts by name ignoring case (names are unique so). */
    private final NavigableMap<Long, OnlineUser> onlineById = new TreeMap<>();
    private final NavigableMap<String, Long> accountsByName = new TreeMap<>();
    private final ChannelTree channels;
    private final PermissionPolicy permissions;
    private final ControlCodec codec;
    private final ChannelUnlocks unlocks;
    private long nextGuestId;
    private final List<RoomObserver> observers = new ArrayList<>();
    private PeerPrivacy privacy = PeerPrivacy.NONE;
    private final PresenceCatchUp presenceCatchUp = new PresenceCatchUp();
    /** Runs a task on the room thread after a delay; the server installs its loop's. */
    private java.util.function.BiConsumer<Runnable, Long> later = (task, millis) -> { };
    private boolean catchUpScheduled;

    /**
     * @param firstGuestId the id the first guest gets (negative); each server run takes a fresh
     *                     block so a guest id in old messages never names a different guest later
     */
    public Room(ChannelTree channels, PermissionPolicy permissions, Collection<KnownAccount> accounts,
                ControlCodec codec, long firstGuestId, ChannelUnlocks unlocks) {
        this.unlocks = unlocks;
        this.nextGuestId = firstGuestId;
        this.channels = channels;
        this.permissions = permissions;
        this.codec = codec;
        accounts.forEach(this::remember);
    }

    public ChannelTree channels() {
        return channels;
    }

    /** Who proved which locked channel's password. */
    public ChannelUnlocks unlocks() {
        return unlocks;
    }

    public PermissionPolicy permissions() {
        return permissions;
    }

    /** Who may see whose presence and send whom direct messages (the friends feature installs its own). */
    public PeerPrivacy privacy() {
        return privacy;
    }

    /** How the room runs its own work later on its thread (catching lagging readers up on presence). */
    public void runLaterWith(java.util.function.BiConsumer<Runnable, Long> later) {
        this.later = java.util.Objects.requireNonNull(later, "later");
    }

    public void privacy(PeerPrivacy privacy) {
        this.privacy = java.util.Objects.requireNonNull(privacy, "privacy");
    }

    /** Whether {@code viewerId} sees {@code subject} as online: not invisible, not hidden by privacy. */
    public boolean presenceShown(OnlineUser subject, long viewerId) {
        return subject.id() == viewerId || (!isHidden(subject) && !privacy.presenceHiddenFrom(subject.id(), viewerId));
    }

    /** An offline account as {@code viewerId} may see it: no "last seen" when its presence is hidden from them. */
    public UserState offlineStateSeenBy(KnownAccount account, long viewerId) {
        UserState offline = offlineState(account);
        return privacy.presenceHiddenFrom(account.info().id(), viewerId)
                ? new UserState(offline.user(), Presence.OFFLINE, null, null, false, false, false) : offline;
    }

    /** What {@code viewerId} sees of an online {@code subject}: their state, or offline when hidden from the viewer. */
    public UserState stateSeenBy(OnlineUser subject, long viewerId) {
        if (subject.id() == viewerId || !privacy.presenceHiddenFrom(subject.id(), viewerId)) {
            return subject.stateSeenBy(viewerId);
        }
        KnownAccount known = accounts.get(subject.id());
        return known != null ? offlineStateSeenBy(known, viewerId)
                : new UserState(subject.info(), Presence.OFFLINE, null, null, false, false, false);
    }

    public void observe(RoomObserver observer) {
        observers.add(observer);
    }

    /** Tells every observer that a user's channel, mute, role or voice switches may have changed. */
    public void userChanged(OnlineUser user) {
        observers.forEach(observer -> observer.userChanged(user));
    }

    public void permissionsChanged() {
        observers.forEach(RoomObserver::permissionsChanged);
    }

    public long allocateGuestId() {
        return nextGuestId--;
    }

    public void remember(KnownAccount account) {
        KnownAccount previous = accounts.put(account.info().id(), account);
        if (previous != null) {
            accountsByName.remove(nameKey(previous.info().name()));
        }
        accountsByName.put(nameKey(account.info().name()), account.info().id());
    }

    public int accountCount() {
        return accounts.size();
    }

    private static String nameKey(String name) {
        return name.toLowerCase(java.util.Locale.ROOT);
    }

    /** The account was deleted. */
    public void forget(long accountId) {
        KnownAccount gone = accounts.remove(accountId);
        if (gone != null) {
            accountsByName.remove(nameKey(gone.info().name()), accountId);
        }
    }

    public long accountsWithRole(dev.parley.protocol.control.model.Role role) {
        return accounts.values().stream().filter(account -> account.info().role() == role).count();
    }

    public Optional<KnownAccount> account(long id) {
        return Optional.ofNullable(accounts.get(id));
    }

    public Optional<OnlineUser> online(long userId) {
        return Optional.ofNullable(online.get(userId));
    }

    public Collection<OnlineUser> everyone() {
        return online.values();
    }

    public int onlineCount() {
        return online.size();
    }

    public void add(OnlineUser user) {
        online.put(user.id(), user);
        onlineById.put(user.id(), user);
    }

    public void remove(OnlineUser user) {
        if (online.remove(user.id(), user)) {
            onlineById.remove(user.id(), user);
            presenceCatchUp.forget(user);
            observers.forEach(observer -> observer.userLeft(user));
        }
    }

    public boolean allows(OnlineUser user, long channelId, Permission permission) {
        return permissions.allows(user.role(), channelId, permission);
    }

    /**
     * May the user read this channel's chat (history, live messages, typing, reactions)? Needs
     * {@code enter}; a channel with a password also needs one of: being in it now, {@code manage}
     * on it, or having proved its current password ({@link ChannelUnlocks}: a changed password, a
     * moderator moving the user out, a kick or a ban forgets the proof).
     */
    public boolean canRead(OnlineUser user, long channelId) {
        Optional<Channel> channel = channels.find(channelId);
        return channel.isPresent() && canSee(user, channelId) && allows(user, channelId, Permission.ENTER)
                && passesLock(user, channel.get());
    }

    /**
     * May the user know the channel exists (its name and description)? The lobby, always; any other
     * channel only with {@code enter} on it and on every channel between it and the lobby, so a
     * hidden channel's sub-channels stay hidden too.
     */
    public boolean canSee(OnlineUser user, long channelId) {
        List<Long> path = channels.pathToRoot(channelId);
        if (path.isEmpty()) {
            return false;
        }
        for (long id : path) {
            if (id != ChannelTree.LOBBY_ID && !allows(user, id, Permission.ENTER)) {
                return false;
            }
        }
        return true;
    }

    /** How many channels this user may see. */
    public int channelCountSeenBy(OnlineUser user) {
        return (int) channels.infosAfter(null).filter(info -> canSee(user, info.id())).count();
    }

    /** The channel tree as this user may see it. */
    public List<dev.parley.protocol.control.model.ChannelInfo> channelsSeenBy(OnlineUser user) {
        return channels.infos().stream().filter(info -> canSee(user, info.id())).toList();
    }

    private boolean passesLock(OnlineUser user, Channel channel) {
        return !channel.hasPassword()
                || user.channelId() == channel.id()
                || allows(user, channel.id(), Permission.MANAGE)
                || unlocks.unlocked(user.id(), channel.id(), channel.passwordHash());
    }

    /**
     * Online users as the viewer sees them, by id, after {@code afterId} (null: from the start).
     * Invisible others look offline, and offline users are not listed, so they are left out. Lazy:
     * a page reads only as far as it needs.
     */
    public Stream<UserState> onlineSeenBy(long viewerId, Long afterId) {
        Collection<OnlineUser> from = afterId == null ? onlineById.values() : onlineById.tailMap(afterId, false).values();
        return from.stream()
                .filter(user -> presenceShown(user, viewerId))
                .map(user -> user.stateSeenBy(viewerId));
    }

    /** How many users the viewer sees online. */
    public int onlineCountSeenBy(long viewerId) {
        return (int) online.values().stream().filter(user -> presenceShown(user, viewerId)).count();
    }

    /** Every account by name ignoring case, after the name {@code after} (null: from the start), as the viewer sees it. */
    public Stream<UserState> membersSeenBy(long viewerId, String after) {
        Collection<Long> ids = after == null ? accountsByName.values()
                : accountsByName.tailMap(nameKey(after), false).values();
        return ids.stream().map(id -> {
            OnlineUser user = online.get(id);
            if (user != null && presenceShown(user, viewerId)) {
                return user.stateSeenBy(viewerId);
            }
            return offlineStateSeenBy(accounts.get(id), viewerId);
        });
    }

    /** Sends each online user that matches its own copy of an event; equal copies are encoded once. */
    public void broadcastEach(Predicate<OnlineUser> audience, Function<OnlineUser, Event> eventFor) {
        Map<Event, String> frames = new HashMap<>();
        for (OnlineUser user : online.values()) {
            if (user.welcomed() && audience.test(user)) {
                String frame = frames.computeIfAbsent(eventFor.apply(user), event -> codec.encode(Envelope.event(event)));
                user.link().sendEncoded(frame);
            }
        }
    }

    /** An invisible user's moves are kept from everyone else. */
    public static boolean isHidden(OnlineUser user) {
        return user.presence() == Presence.INVISIBLE;
    }

    public static UserState offlineState(KnownAccount account) {
        return new UserState(account.info(), Presence.OFFLINE, null, account.lastSeen(), false, false, false);
    }

    /** Sends one event, encoded once, to every online user that matches. */
    public void broadcast(Event event, Predicate<OnlineUser> audience) {
        String frame = codec.encode(Envelope.event(event));
        for (OnlineUser user : online.values()) {
            if (user.welcomed() && audience.test(user)) {
                user.link().sendEncoded(frame);
            }
        }
    }

    public void broadcastToAll(Event event) {
        broadcast(event, user -> true);
    }

    /** Tells everyone how {@code subject} looks now; an invisible user looks offline to others. */
    public void broadcastState(OnlineUser subject) {
        userChanged(subject);
        UserState asOthersSeeIt = subject.stateSeenBy(0);
        if (subject.showToOthers(asOthersSeeIt)) {
            // Those the subject's privacy hides it from saw it offline and keep doing so.
            broadcastPresence(subject.id(), new Users.StateChanged(asOthersSeeIt),
                    user -> user != subject && !privacy.presenceHiddenFrom(subject.id(), user.id()), null);
        }
        subject.link().send(Envelope.event(new Users.StateChanged(subject.stateSeenBy(subject.id()))));
    }

    /** Tells everyone a user went offline (but those who never saw them online). */
    public void broadcastOffline(UserState offline) {
        broadcastPresence(offline.id(), new Users.StateChanged(offline),
                user -> !privacy.presenceHiddenFrom(offline.id(), user.id()),
                accounts.containsKey(offline.id()) ? null : offline);
    }

    /** Sends an event about {@code subject}'s whereabouts to everyone who may see them (and to them). */
    public void broadcastWhereabouts(OnlineUser subject, Event event) {
        broadcastPresence(subject.id(), event, user -> user == subject || !privacy.presenceHiddenFrom(subject.id(), user.id()), null);
    }

    /**
     * Sends an event about {@code subjectId}'s presence or whereabouts ({@code user.state},
     * {@code user.moved}) to every online user that matches, encoded once. A reader too far behind
     * the room to be sent it now ({@link dev.parley.server.session.ClientLink#lagging()}) is sent the
     * subject's state as it is once it has caught up instead (see {@link #catchUpLaggingReaders()}),
     * so a presence storm does not pile up in the room's memory for readers that cannot keep up.
     * The subject always hears about itself at once.
     *
     * @param departedGuest the offline state of a guest that just left (the room forgets guests), else null
     */
    public void broadcastPresence(long subjectId, Event event, Predicate<OnlineUser> audience, UserState departedGuest) {
        long change = presenceCatchUp.changed(subjectId);
        if (departedGuest != null) {
            presenceCatchUp.guestLeft(departedGuest);
        }
        String frame = null;
        for (OnlineUser user : online.values()) {
            if (!user.welcomed() || !audience.test(user)) {
                continue;
            }
            if (user.id() != subjectId) {
                if (presenceCatchUp.isBehind(user)) {
                    continue;
                }
                if (user.link().lagging()) {
                    presenceCatchUp.fallBehind(user, change, subjectId, departedGuest);
                    scheduleCatchUp();
                    continue;
                }
            }
            if (frame == null) {
                frame = codec.encode(Envelope.event(event));
            }
            user.link().sendEncoded(frame);
        }
    }

    /**
     * Sends each reader that fell behind on presence, and has read its backlog since, the current
     * state of every user whose presence changed meanwhile, a few dozen at a time (the next round
     * sends more if it has read those). Room thread; runs every 100 ms while anyone is behind.
     */
    public void catchUpLaggingReaders() {
        catchUpScheduled = false;
        Map<UserState, String> frames = new HashMap<>();
        presenceCatchUp.catchUp(this::presenceSeenBy, (reader, state) -> {
            String frame = frames.computeIfAbsent(state, s -> codec.encode(Envelope.event(new Users.StateChanged(s))));
            reader.link().sendEncoded(frame);
            return frame.length();
        }, CATCH_UP_BYTES);
        if (presenceCatchUp.readersBehind() > 0) {
            scheduleCatchUp();
        }
    }

    private void scheduleCatchUp() {
        if (!catchUpScheduled) {
            catchUpScheduled = true;
            later.accept(this::catchUpLaggingReaders, CATCH_UP_PERIOD_MILLIS);
        }
    }

    /** Readers that are sent presence only by catching up, for the metrics. */
    public int readersBehindOnPresence() {
        return presenceCatchUp.readersBehind();
    }

    /** What {@code reader} sees of {@code subjectId} now, for a reader catching up; null when it should see nothing. */
    private UserState presenceSeenBy(long subjectId, UserState departedGuest, OnlineUser reader) {
        OnlineUser subject = online.get(subjectId);
        if (subject != null && subject.welcomed()) {
            return stateSeenBy(subject, reader.id());
        }
        KnownAccount known = accounts.get(subjectId);
        if (known != null) {
            return offlineStateSeenBy(known, reader.id());
        }
        return departedGuest != null && !privacy.presenceHiddenFrom(subjectId, reader.id()) ? departedGuest : null;
    }
}
