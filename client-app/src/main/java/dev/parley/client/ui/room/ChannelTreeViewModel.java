package dev.parley.client.ui.room;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.WhisperTarget;
import dev.parley.protocol.control.message.Channels;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The channel tree with its users, talking indicators and unread badges, and the channel and user
 * actions. Snapshots are built on the client event thread (where {@link RoomState} lives) and handed
 * to the UI thread as immutable values; the properties are UI thread only.
 */
public final class ChannelTreeViewModel implements AutoCloseable {
    private final ControlClient client;
    private final RoomState room;
    private final UiThread ui;
    private final ObjectProperty<List<ChannelNode>> roots = new SimpleObjectProperty<>(List.of());
    private final ObjectProperty<Role> selfRole = new SimpleObjectProperty<>(Role.GUEST);
    private final LongProperty selfId = new SimpleLongProperty();
    private final LongProperty myChannelId = new SimpleLongProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty noticeIsGoodNews = new javafx.beans.property.SimpleBooleanProperty(false);
    {
        notice.addListener((obs, old, now) -> noticeIsGoodNews.set(false));
    }
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Event thread only: users heard talking right now. */
    private final Set<Long> talking = new HashSet<>();
    /** Event thread only: other users whispering or shouting to me right now, in the order they started. */
    private final Set<Long> whispering = new java.util.LinkedHashSet<>();
    private final StringProperty whisperingToMe = new SimpleStringProperty("");

    public ChannelTreeViewModel(ControlClient client, RoomState room, UiThread ui) {
        this.client = client;
        this.room = room;
        this.ui = ui;
        client.eventLoop().executeIfRunning(() -> {
            subscriptions.add(room.onChange(this::changed));
            subscriptions.add(client.on(Voice.Talking.class, this::talkingChanged));
            publish();
        });
    }

    public ObjectProperty<List<ChannelNode>> rootsProperty() {
        return roots;
    }

    public ObjectProperty<Role> selfRoleProperty() {
        return selfRole;
    }

    public LongProperty selfIdProperty() {
        return selfId;
    }

    public LongProperty myChannelIdProperty() {
        return myChannelId;
    }

    /** "ann is whispering to you", "ann and bob are whispering to you", or "" when nobody is. */
    public StringProperty whisperingToMeProperty() {
        return whisperingToMe;
    }

    /**
     * Whom the whisper key talks to, from what is selected in the tree: the selected people but me, else
     * the first selected channel (a shout, with its sub-channels); empty when neither is selected.
     */
    public static Optional<WhisperTarget> whisperTarget(List<?> selected) {
        List<UserNode> people = selected.stream().filter(UserNode.class::isInstance).map(UserNode.class::cast)
                .filter(user -> !user.self()).distinct().toList();
        if (!people.isEmpty()) {
            return Optional.of(WhisperTarget.people(people.stream().map(UserNode::id).toList(),
                    people.stream().map(UserNode::name).toList()));
        }
        return selected.stream().filter(ChannelNode.class::isInstance).map(ChannelNode.class::cast).findFirst()
                .map(channel -> WhisperTarget.channel(channel.id(), channel.channel().name()));
    }

    /** The last polite sentence about a refused action (or, see {@link #noticeIsGoodNewsProperty()}, a done one). */
    public StringProperty noticeProperty() {
        return notice;
    }

    /**
     * True while the notice says something was done ("bob is now a moderator.") rather than refused: shown
     * calm, not as an error. Any new notice text resets it; whoever reports good news sets it after the text.
     */
    public javafx.beans.property.BooleanProperty noticeIsGoodNewsProperty() {
        return noticeIsGoodNews;
    }

    /** My own transmitting, from voice (any thread). */
    public void selfTalking(boolean value) {
        client.eventLoop().executeIfRunning(() -> room.self().ifPresent(self -> {
            boolean changed = value ? talking.add(self.id()) : talking.remove(self.id());
            if (changed) {
                publish();
            }
        }));
    }

    // ---- actions (UI thread) --------------------------------------------------------------------

    /**
     * Told right before a join is sent (end-to-end encryption locks or keys voice for the channel first, so
     * not one frame reaches it in the clear) and when the room refuses it. UI thread.
     */
    public interface JoinGuard {
        void before(ChannelInfo target);

        void refused(ChannelInfo target);
    }

    private JoinGuard joinGuard = new JoinGuard() {
        @Override
        public void before(ChannelInfo target) {
        }

        @Override
        public void refused(ChannelInfo target) {
        }
    };

    public void guardJoins(JoinGuard guard) {
        joinGuard = guard;
    }

    public CompletableFuture<?> join(long channelId, String password) {
        Optional<ChannelInfo> target = findChannel(roots.get(), channelId);
        target.ifPresent(joinGuard::before);
        CompletableFuture<?> sent = perform(new Channels.Join(channelId,
                password == null || password.isEmpty() ? null : password));
        sent.whenComplete((ok, failure) -> {
            if (failure != null) {
                target.ifPresent(channel -> ui.run(() -> joinGuard.refused(channel)));
            }
        });
        return sent;
    }

    private static Optional<ChannelInfo> findChannel(List<ChannelNode> channels, long channelId) {
        for (ChannelNode node : channels) {
            if (node.id() == channelId) {
                return Optional.of(node.channel());
            }
            Optional<ChannelInfo> found = findChannel(node.children(), channelId);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    public CompletableFuture<?> createChannel(Long parentId, String name, String password) {
        return perform(new Channels.Create(parentId, name, null, null, password));
    }

    public CompletableFuture<?> renameChannel(long channelId, String name) {
        return perform(new Channels.Update(channelId, name, null, null, null));
    }

    public CompletableFuture<?> deleteChannel(long channelId) {
        return perform(new Channels.Delete(channelId));
    }

    public CompletableFuture<?> setChannelPassword(long channelId, String password) {
        return perform(new Channels.SetPassword(channelId, password));
    }

    public CompletableFuture<?> moveUser(long userId, long channelId) {
        return perform(new Users.Move(userId, channelId));
    }

    public CompletableFuture<?> kickUser(long userId, String reason) {
        return perform(new Users.Kick(userId, reason));
    }

    public CompletableFuture<?> muteUser(long userId, boolean muted) {
        return perform(new Users.Mute(userId, muted));
    }

    public boolean canManageChannels() {
        return RolePermissions.canManageChannels(selfRole.get());
    }

    public boolean canModerate(UserNode target) {
        return !target.self() && RolePermissions.canModerate(selfRole.get(), target.state().user().role());
    }

    private CompletableFuture<?> perform(Request request) {
        notice.set("");
        CompletableFuture<?> sent;
        if (request instanceof Channels.Create) {
            sent = client.request(request, Channels.Created.class);
        } else {
            sent = client.requestOk(request);
        }
        return sent.whenComplete((reply, failure) -> {
            if (failure != null) {
                ui.run(() -> notice.set(Failures.sentence(failure)));
            }
        });
    }

    // ---- event thread ---------------------------------------------------------------------------

    private void changed(RoomChange change) {
        if (change instanceof RoomChange.TypingChanged) {
            return;
        }
        if (change instanceof RoomChange.Reset) {
            talking.clear();
            whispering.clear();
        }
        publish();
    }

    private void talkingChanged(Voice.Talking event) {
        boolean changed;
        if (event.whispered()) {
            // My own whispers come back too; my row's talking mark comes from my microphone (selfTalking).
            boolean mine = room.self().map(self -> self.id() == event.userId()).orElse(false);
            changed = !mine && (event.talking() ? whispering.add(event.userId()) : whispering.remove(event.userId()));
        } else {
            changed = event.talking() ? talking.add(event.userId()) : talking.remove(event.userId());
        }
        if (changed) {
            publish();
        }
    }

    /** Event thread. */
    private String whisperSentence() {
        List<String> names = whispering.stream().map(id -> room.user(id).map(user -> user.user().name()).orElse(null))
                .filter(java.util.Objects::nonNull).toList();
        return switch (names.size()) {
            case 0 -> "";
            case 1 -> names.get(0) + " is whispering to you";
            case 2 -> names.get(0) + " and " + names.get(1) + " are whispering to you";
            default -> names.size() + " people are whispering to you";
        };
    }

    private void publish() {
        if (!room.ready()) {
            return;
        }
        long me = room.self().orElseThrow().id();
        Role role = room.self().orElseThrow().role();
        long myChannel = room.myChannelId();
        List<ChannelNode> tree = room.roots().stream().map(channel -> node(channel, me, myChannel)).toList();
        String whispers = whisperSentence();
        ui.run(() -> {
            whisperingToMe.set(whispers);
            selfId.set(me);
            selfRole.set(role);
            myChannelId.set(myChannel);
            roots.set(tree);
        });
    }

    private ChannelNode node(ChannelInfo channel, long me, long myChannel) {
        List<UserNode> users = new ArrayList<>();
        for (UserState user : room.usersIn(channel.id())) {
            users.add(new UserNode(user, talking.contains(user.id()), user.id() == me, whispering.contains(user.id())));
        }
        List<ChannelNode> children = room.children(channel.id()).stream().map(child -> node(child, me, myChannel)).toList();
        return new ChannelNode(channel, users, children, room.unread(Conversation.channel(channel.id())),
                channel.id() == myChannel, room.unreadCapped(Conversation.channel(channel.id())));
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> subscriptions.forEach(Subscription::close));
    }
}
