package dev.parley.client.ui.app;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ConnectionStatus;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.chat.ChatViewModel;
import dev.parley.client.ui.chat.DirectMessageList;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.notify.NotificationPolicy;
import dev.parley.client.ui.room.ChannelNode;
import dev.parley.client.ui.room.ChannelTreeViewModel;
import dev.parley.client.ui.voice.UserVolumes;
import dev.parley.client.ui.voice.VoiceBarViewModel;
import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.ui.host.HostedRoom;
import java.util.Optional;
import dev.parley.client.ui.room.DirectMessages;
import dev.parley.client.ui.room.UserNode;
import dev.parley.protocol.control.model.Role;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.ui.presence.OfflineMembers;
import dev.parley.client.ui.presence.PresenceViewModel;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * The main window of one session: channel tree, chat, voice bar, connection state and notifications.
 * UI thread only.
 */
public final class MainViewModel implements AutoCloseable {
    private final RoomSession session;
    private final AppContext context;
    private final ChannelTreeViewModel tree;
    private final ChatViewModel chat;
    private final dev.parley.client.ui.files.ChatFiles files;
    private final DirectMessageList directMessages;
    private final VoiceBarViewModel voiceBar;
    private final UserVolumes volumes;
    private final StringProperty status = new SimpleStringProperty("Connected");
    /** The banner over the room while its host stops or restarts it; empty when there is nothing to say. */
    private final StringProperty roomNotice = new SimpleStringProperty("");
    private final ObjectProperty<ConnectionStatus> connection = new SimpleObjectProperty<>();
    private final StringProperty title = new SimpleStringProperty("Parley");
    private final BooleanProperty windowFocused = new SimpleBooleanProperty(true);
    private final List<Subscription> subscriptions = new ArrayList<>();
    private Consumer<ChatMessage> notifier = message -> { };
    private final PresenceViewModel presence;
    private final OfflineMembers offlineMembers;
    /** A DM that arrived while I look at another conversation: shown in the window, not on the desktop. */
    private final ObjectProperty<ChatMessage> inAppMessage = new SimpleObjectProperty<>();
    /** My per-conversation notification settings (issue 13). */
    private final dev.parley.client.ui.notify.NotifyViewModel notifications;
    /** Ticks once a second while reconnecting, so the status counts down to the next try. */
    private final Timeline countdown;
    /** Friends and friend requests in this room (the Friends section, the friend entries of menus). */
    private final dev.parley.client.ui.friends.FriendsViewModel friends;
    /** The voice bar's Record toggle and "● Recording" indicator. */
    private final dev.parley.client.ui.voice.RecordingViewModel recording;
    /** 1:1 calls: the call bar, the tree's and the DM's Call entries, the ring. */
    private final dev.parley.client.ui.call.CallViewModel calls;
    /** Recording my call, and who records it: the call bar's part. */
    private final dev.parley.client.ui.call.CallRecordingViewModel callRecording;
    private Consumer<String> callNotifier = name -> { };
    /** End-to-end encrypted channels: keys, passphrase prompts, sealing chat, locking voice. */
    private final dev.parley.client.ui.e2e.EncryptionViewModel encryption;
    private final dev.parley.client.ui.e2e.VoiceEncryption voiceEncryption;

    public MainViewModel(RoomSession session, AppContext context) {
        this.session = session;
        this.context = context;
        UiThread ui = context.ui();
        this.tree = new ChannelTreeViewModel(session.client(), session.room(), ui);
        this.chat = new ChatViewModel(session.client(), session.room(), ui);
        this.encryption = new dev.parley.client.ui.e2e.EncryptionViewModel(session.client(), session.room(), ui,
                context.background(), tree.noticeProperty(), chat.conversationProperty(),
                // Identity keys beside the hosted rooms in the per-user data folder: where the CLI keeps them too.
                new dev.parley.client.core.e2e.IdentityStore(
                        context.serverRoot().toAbsolutePath().resolveSibling("identities")));
        this.voiceEncryption = new dev.parley.client.ui.e2e.VoiceEncryption(session.client(), session.room(),
                session.voice(), encryption.keys());
        chat.useSealing(encryption.chatSealing());
        encryption.onChange(() -> {
            chat.sealingChanged();
            voiceEncryption.keysChanged();
        });
        tree.guardJoins(new ChannelTreeViewModel.JoinGuard() {
            @Override
            public void before(dev.parley.protocol.control.model.ChannelInfo target) {
                voiceEncryption.beforeJoin(target); // locked (or keyed) before the join leaves
                encryption.joining(target.id());
            }

            @Override
            public void refused(dev.parley.protocol.control.model.ChannelInfo target) {
                voiceEncryption.joinRefused();
            }
        });
        this.files = new dev.parley.client.ui.files.ChatFiles(session.client(), chat.conversationProperty(), ui,
                // Thumbnails and files opened from chat: beside the hosted rooms in the per-user data folder
                // (not a shared temp folder), so tests with their own home keep theirs there too.
                context.serverRoot().toAbsolutePath().resolveSibling("cache").resolve("files"));
        files.useSealing(encryption.fileSealing(), () -> tree.selfIdProperty().get());
        this.directMessages = new DirectMessageList(session.client(), session.room(), ui);
        this.voiceBar = new VoiceBarViewModel(session.voice(), context.preferences(), ui);
        subscriptions.add(session.voice().onSelfTalking(tree::selfTalking));
        voiceBar.whisper().heardProperty().bind(tree.whisperingToMeProperty());
        dev.parley.client.ui.call.CallLine callLine =
                dev.parley.client.ui.call.CallLine.over(new dev.parley.client.core.call.CallDesk(session.client()));
        this.calls = new dev.parley.client.ui.call.CallViewModel(callLine,
                session.voice(), dev.parley.client.ui.call.ToneRinger.on(context.devices(),
                        () -> context.preferences().get().voice().outputDevice()), ui);
        // A call coming in while I look elsewhere: the desktop says so, as a DM would (the banner is enough
        // while the window has focus); the notifications switch in Settings silences it too.
        calls.onIncoming(name -> {
            if (context.preferences().get().notifications() && !windowFocused.get()) {
                callNotifier.accept(name);
            }
        });
        this.recording = new dev.parley.client.ui.voice.RecordingViewModel(session.client(), session.room(),
                session.voice(), recordingsRoot(), ui);
        this.callRecording = new dev.parley.client.ui.call.CallRecordingViewModel(session.client(), callLine,
                session.voice(), recordingsRoot(), ui);
        this.volumes = new UserVolumes(context.preferences(), session.server().host() + ":" + session.server().port(),
                session.voice());
        tree.rootsProperty().addListener((obs, old, roots) -> applyVolumes(roots));
        this.presence = new PresenceViewModel(session.client(), ui,
                Duration.ofMinutes(context.preferences().get().awayAfterMinutes()), System::currentTimeMillis);
        this.offlineMembers = new OfflineMembers(session.client(), session.room(), ui);
        this.notifications = new dev.parley.client.ui.notify.NotifyViewModel(session.client(), session.room(), ui);
        notifications.noticeProperty().addListener((obs, old, why) -> {
            if (!why.isEmpty()) {
                tree.noticeProperty().set(why);
            }
        });
        this.friends = new dev.parley.client.ui.friends.FriendsViewModel(session.client(), ui);
        // A refused presence change is said where refused tree actions are.
        presence.noticeProperty().addListener((obs, old, why) -> {
            if (!why.isEmpty()) {
                tree.noticeProperty().set("Presence not changed: " + why);
            }
        });
        countdown = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> status.set(describe(connection.get()))));
        countdown.setCycleCount(Timeline.INDEFINITE);
        connection.set(session.client().status());
        status.set(describe(session.client().status()));
        subscriptions.add(session.client().onStatus(next -> ui.run(() -> {
            connection.set(next);
            status.set(describe(next));
            if (next.state() == ConnectionState.CONNECTED) {
                roomNotice.set("");
            } else if (next.reason() == ConnectionStatus.Reason.ROOM_CLOSED) {
                roomNotice.set(next.message());
            }
            if (next.state() == ConnectionState.RECONNECTING) {
                countdown.play();
            } else {
                countdown.stop();
            }
        })));
        subscriptions.add(session.client().on(dev.parley.protocol.control.message.Session.RoomClosing.class,
                closing -> ui.run(() -> roomNotice.set(closing.restart()
                        ? closing.message() + " You will be reconnected." : closing.message()))));
        subscriptions.add(session.client().on(Chat.Posted.class, posted -> ui.run(() -> {
            maybeNotify(posted.message());
            maybeShowInApp(posted.message());
        })));
        session.client().serverInfo().ifPresent(info -> title.set("Parley — " + info.serverName()));
        subscriptions.add(session.client().on(dev.parley.protocol.control.message.RoomAdmin.Updated.class,
                renamed -> ui.run(() -> title.set("Parley — " + renamed.name()))));
        // Start in my own channel's chat.
        tree.myChannelIdProperty().addListener((obs, old, now) -> {
            if (chat.conversationProperty().get() == null && now.longValue() > 0) {
                chat.conversationProperty().set(Conversation.channel(now.longValue()));
            }
        });
    }

    public RoomSession session() {
        return session;
    }

    public ChannelTreeViewModel tree() {
        return tree;
    }

    /** Files in the open conversation: sending, transfers, thumbnails. */
    public dev.parley.client.ui.files.ChatFiles files() {
        return files;
    }

    public ChatViewModel chat() {
        return chat;
    }

    /** My DM conversations with presence and unread counts (also how a DM shows up while the window has focus). */
    public DirectMessageList directMessages() {
        return directMessages;
    }

    /** My presence: chosen in the header, or away by itself after idle time. */
    public PresenceViewModel presence() {
        return presence;
    }

    /** Members who are not here, with when they were last seen. */
    public OfflineMembers offlineMembers() {
        return offlineMembers;
    }

    /** The latest DM that arrived while another conversation was open in the focused window; null once seen. */
    public ObjectProperty<ChatMessage> inAppMessageProperty() {
        return inAppMessage;
    }

    /** My notification settings: the conversations' menus, marks, and what notifies. */
    public dev.parley.client.ui.notify.NotifyViewModel notifications() {
        return notifications;
    }

    /** Friends and friend requests in this room. */
    public dev.parley.client.ui.friends.FriendsViewModel friends() {
        return friends;
    }

    /** Recording my channel, and who records it (issue 14). */
    public dev.parley.client.ui.voice.RecordingViewModel recording() {
        return recording;
    }

    /** End-to-end encrypted channels: locks, passphrases, keys. */
    public dev.parley.client.ui.e2e.EncryptionViewModel encryption() {
        return encryption;
    }

    /** Where slow work that is neither the UI's nor the client's event thread's runs (keys, searching encrypted channels). */
    public java.util.concurrent.Executor background() {
        return context.background();
    }

    /** My calls: placing, answering, the call bar. */
    public dev.parley.client.ui.call.CallViewModel calls() {
        return calls;
    }

    /** My call's recording and who records it, for the call bar. */
    public dev.parley.client.ui.call.CallRecordingViewModel callRecording() {
        return callRecording;
    }

    /** Where an incoming call is announced when the window is in the background (the view hands it to the desktop). */
    public void setCallNotifier(Consumer<String> notifier) {
        this.callNotifier = notifier;
    }

    /** Calls {@code userId}, named from the tree or my DM list (the room names them again once it rings). */
    public void call(long userId) {
        String name = findUser(tree.rootsProperty().get(), userId).map(UserNode::name)
                .or(() -> directMessages.entries().stream().filter(entry -> entry.peerId() == userId)
                        .map(DirectMessageList.Entry::name).findFirst())
                .orElse("them");
        calls.call(userId, name);
    }

    /** A model for the Recordings window: my recordings, played on the speakers chosen in Settings. */
    public dev.parley.client.ui.record.RecordingsViewModel recordings() {
        return new dev.parley.client.ui.record.RecordingsViewModel(recordingsRoot(),
                () -> dev.parley.client.ui.voice.VoiceSetup.speakers(context.devices(),
                        context.preferences().get().voice()), context.background(), context.ui());
    }

    /** Where my recordings go: {@code recordings/} beside the hosted rooms in the per-user data folder. */
    private java.nio.file.Path recordingsRoot() {
        return context.serverRoot().toAbsolutePath().resolveSibling("recordings");
    }

    public VoiceBarViewModel voiceBar() {
        return voiceBar;
    }

    public UserVolumes volumes() {
        return volumes;
    }

    private void applyVolumes(List<ChannelNode> channels) {
        for (ChannelNode channel : channels) {
            channel.users().stream().filter(user -> !user.self()).forEach(user -> volumes.userPresent(user.id(), user.name()));
            applyVolumes(channel.children());
        }
    }

    /** Settings were saved: voice picks up new devices, processing and codec. */
    public void preferencesChanged(UserPreferences preferences) {
        session.voice().reconfigure(preferences.voice());
        presence.setAwayAfter(Duration.ofMinutes(preferences.awayAfterMinutes()));
    }

    /** "Connected to …", "Reconnecting…", or why not. */
    public StringProperty statusProperty() {
        return status;
    }

    /** "The room restarts in 5 s…", then "The room is restarting — reconnecting…"; empty once back (or never gone). */
    public StringProperty roomNoticeProperty() {
        return roomNotice;
    }

    public ObjectProperty<ConnectionStatus> connectionProperty() {
        return connection;
    }

    public StringProperty titleProperty() {
        return title;
    }

    public BooleanProperty windowFocusedProperty() {
        return windowFocused;
    }

    /** Where notifications go (the view hands them to the desktop notifier). */
    public void setNotifier(Consumer<ChatMessage> notifier) {
        this.notifier = notifier;
    }

    /**
     * The {@code parley://} invite for the room I host: my first LAN address, the port, and the
     * certificate fingerprint, so whoever opens it joins without being asked to compare anything.
     */
    public String inviteLink() {
        HostedRoom hosted = session.hosted().orElseThrow(() -> new IllegalStateException("not hosting"));
        String first = hosted.addresses().get(0);
        String host = first.substring(0, first.lastIndexOf(':'));
        return new JoinLink(host, hosted.port(), "", "", hosted.fingerprint().orElse(null)).toUri();
    }

    /** Opens a search result: its conversation at that message, with the messages around it. */
    public void openAt(Conversation where, long messageId) {
        if (where instanceof Conversation.Direct direct) {
            directMessages.opened(direct.peerId());
        }
        chat.openAt(where, messageId);
    }

    public void openChannelChat(long channelId) {
        chat.conversationProperty().set(Conversation.channel(channelId));
    }

    /** Opens the DM with {@code userId}, or says why there can't be one (guests on either side). */
    public void openDirect(long userId) {
        Optional<UserNode> peer = findUser(tree.rootsProperty().get(), userId);
        Role peerRole = peer.map(user -> user.state().user().role()).orElse(userId < 0 ? Role.GUEST : Role.MEMBER);
        Optional<String> whyNot = DirectMessages.whyNot(tree.selfRoleProperty().get(), peerRole);
        if (whyNot.isPresent()) {
            tree.noticeProperty().set(DirectMessages.sentence(tree.selfRoleProperty().get(), peerRole,
                    peer.map(UserNode::name).orElse("They")));
            return;
        }
        tree.noticeProperty().set("");
        directMessages.opened(userId);
        chat.conversationProperty().set(Conversation.direct(userId));
        ChatMessage shown = inAppMessage.get();
        if (shown != null && shown.authorId() == userId) {
            inAppMessage.set(null);
        }
    }

    private static Optional<UserNode> findUser(List<ChannelNode> channels, long userId) {
        for (ChannelNode channel : channels) {
            Optional<UserNode> found = channel.users().stream().filter(user -> user.id() == userId).findFirst()
                    .or(() -> findUser(channel.children(), userId));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private void maybeNotify(ChatMessage sealed) {
        // A sealed message notifies with what it says (or the sentence in its place), never the ciphertext.
        ChatMessage message = opened(sealed);
        long selfId = tree.selfIdProperty().get();
        String selfName = session.server().username();
        if (NotificationPolicy.shouldNotify(message, selfId, selfName, windowFocused.get(),
                context.preferences().get().notifications(), notifications.settingsProperty().get(), notifications.now())) {
            notifier.accept(message);
        }
    }

    private ChatMessage opened(ChatMessage message) {
        if (message.channelId() == null || message.deleted()) {
            return message;
        }
        String text = encryption.chatSealing().incoming(message.channelId(), message.authorId(), message.text()).text();
        return text.equals(message.text()) ? message : new ChatMessage(message.id(), message.ts(), message.channelId(),
                message.toUserId(), message.authorId(), message.authorName(), text, message.replyTo(),
                message.editedTs(), message.deleted(), message.nonce(), message.reactions(), message.file());
    }

    /**
     * A DM to me, in the focused window, while another conversation is open: the desktop notifier
     * stays quiet (the window has focus), so the window itself says so.
     */
    private void maybeShowInApp(ChatMessage message) {
        long selfId = tree.selfIdProperty().get();
        if (message.channelId() != null || message.authorId() == selfId || !windowFocused.get()) {
            return;
        }
        if (!notifications.wants(message, selfId,
                dev.parley.client.ui.chat.ChatLines.mentions(message.text(), session.server().username()))) {
            return; // muted, "nothing", or "mentions" without one
        }
        if (!Conversation.direct(message.authorId()).equals(chat.conversationProperty().get())) {
            inAppMessage.set(message);
        }
    }

    String describe(ConnectionStatus value) {
        String where = session.server().host() + ":" + session.server().port();
        return switch (value.state()) {
            case CONNECTED -> "Connected to " + where;
            case CONNECTING -> "Connecting to " + where + "…";
            case RECONNECTING -> reconnecting(value.nextAttemptAt(), System.currentTimeMillis());
            case DISCONNECTED -> value.message().isEmpty() ? "Disconnected" : "Disconnected: " + value.message();
        };
    }

    /** "Reconnecting… next try in 4 s", or "Reconnecting… trying now" once the moment has come. */
    static String reconnecting(long nextAttemptAt, long now) {
        if (nextAttemptAt <= 0) {
            return "Reconnecting…";
        }
        long seconds = (nextAttemptAt - now + 999) / 1000;
        return seconds <= 0 ? "Reconnecting… trying now" : "Reconnecting… next try in " + seconds + " s";
    }

    @Override
    public void close() {
        countdown.stop();
        offlineMembers.close();
        notifications.close();
        subscriptions.forEach(Subscription::close);
        tree.close();
        chat.close();
        encryption.close();
        voiceEncryption.close();
        directMessages.close();
        voiceBar.close();
        callRecording.close();
        calls.close();
        recording.close();
        friends.close();
    }
}
