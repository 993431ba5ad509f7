package dev.parley.client.ui.room;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
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

    public CompletableFuture<?> join(long channelId, String password) {
        return perform(new Channels.Join(channelId, password == null || password.isEmpty() ? null : password));
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
        }
        publish();
    }

    private void talkingChanged(Voice.Talking event) {
        boolean changed = event.talking() ? talking.add(event.userId()) : talking.remove(event.userId());
        if (changed) {
            publish();
        }
    }

    private void publish() {
        if (!room.ready()) {
            return;
        }
        long me = room.self().orElseThrow().id();
        Role role = room.self().orElseThrow().role();
        long myChannel = room.myChannelId();
        List<ChannelNode> tree = room.roots().stream().map(channel -> node(channel, me, myChannel)).toList();
        ui.run(() -> {
            selfId.set(me);
            selfRole.set(role);
            myChannelId.set(myChannel);
            roots.set(tree);
        });
    }

    private ChannelNode node(ChannelInfo channel, long me, long myChannel) {
        List<UserNode> users = new ArrayList<>();
        for (UserState user : room.usersIn(channel.id())) {
            users.add(new UserNode(user, talking.contains(user.id()), user.id() == me));
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
