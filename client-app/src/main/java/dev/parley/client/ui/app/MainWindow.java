package dev.parley.client.ui.app;

import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.ui.admin.AdminEntry;
import dev.parley.client.ui.chat.ChatView;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.chat.DirectMessageList;
import dev.parley.client.ui.notify.NotificationPolicy;
import dev.parley.client.ui.notify.DesktopNotifier;
import dev.parley.client.ui.room.ChannelTreeView;
import dev.parley.client.ui.voice.VoiceBarView;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.FlowPane;
import dev.parley.client.ui.host.HostedRoom;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The main window's content: header with connection state, channel tree, chat, voice bar. UI thread only. */
public final class MainWindow extends BorderPane {
    private final VoiceBarView voiceBar;
    private final AdminEntry admin;
    private final dev.parley.client.ui.export.ExportEntry export;
    private dev.parley.client.ui.record.RecordingsEntry recordings;
    private dev.parley.client.ui.search.SearchPanel search;
    /** How long "Invite copied" stays under the host bar. */
    static final javafx.util.Duration INVITE_COPIED_SHOWN_FOR = javafx.util.Duration.seconds(4);
    /** The chat, once built: where the caret goes when the user opens a conversation. */
    private ChatView composer;

    public MainWindow(MainViewModel model, DesktopNotifier notifier, Consumer<String> openLink, Runnable openSettings,
                      Runnable leave) {
        setId("main-window");
        Label room = new Label();
        room.getStyleClass().add("room-title");
        room.textProperty().bind(model.titleProperty());
        Label status = new Label();
        status.setId("connection-status");
        status.getStyleClass().add("connection-status");
        status.textProperty().bind(model.statusProperty());
        model.connectionProperty().addListener((obs, old, now) -> {
            status.getStyleClass().removeAll("state-ok", "state-warn", "state-bad");
            status.getStyleClass().add(now.state() == ConnectionState.CONNECTED ? "state-ok"
                    : now.state() == ConnectionState.DISCONNECTED ? "state-bad" : "state-warn");
        });
        status.getStyleClass().add("state-ok");
        Button settings = new Button("Settings");
        settings.setId("open-settings");
        settings.setOnAction(event -> openSettings.run());
        Button leaveButton = new Button(model.session().hosted().isPresent() ? "Stop hosting" : "Leave");
        leaveButton.setId("leave-room");
        leaveButton.setOnAction(event -> {
            // Stopping a hosted room drops everyone in it: ask first.
            if (model.session().hosted().isEmpty() || dev.parley.client.ui.fx.Confirm.ask(getScene().getWindow(),
                    "Stop hosting this room?", "Everyone in the room is disconnected until you host it again.",
                    "Stop hosting")) {
                leave.run();
            }
        });
        dev.parley.client.ui.presence.PresenceChoice presence = new dev.parley.client.ui.presence.PresenceChoice(model.presence());
        admin = new AdminEntry(model.session().client(), UiThread.fx(), model.tree().selfRoleProperty(),
                model.tree().selfIdProperty(), model.tree().noticeProperty(), model.tree().noticeIsGoodNewsProperty());
        admin.useChannelTree(model.tree().rootsProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The buttons never shrink; the title and the status give way (with the full text as a tooltip).
        for (Label shrinking : new Label[] {room, status}) {
            shrinking.setMinWidth(0);
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(shrinking.textProperty());
            shrinking.setTooltip(tip);
        }
        settings.setMinWidth(Region.USE_PREF_SIZE);
        leaveButton.setMinWidth(Region.USE_PREF_SIZE);
        status.setMinWidth(80);
        presence.setMinWidth(Region.USE_PREF_SIZE);
        HBox titleRow = new HBox(12, room, status, spacer, presence, admin.button(), settings, leaveButton);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox header = new VBox(6, titleRow);
        Label roomNotice = new Label();
        roomNotice.setId("room-notice");
        roomNotice.getStyleClass().addAll("room-notice", "state-warn");
        roomNotice.setWrapText(true);
        roomNotice.textProperty().bind(model.roomNoticeProperty());
        roomNotice.visibleProperty().bind(model.roomNoticeProperty().isNotEmpty());
        roomNotice.managedProperty().bind(roomNotice.visibleProperty());
        header.getChildren().add(roomNotice);
        // Calls ring, run and end in a banner right under the title, where an incoming call is seen first.
        header.getChildren().add(new dev.parley.client.ui.call.CallBar(model.calls(), model.callRecording()));
        model.session().hosted().ifPresent(hosted -> header.getChildren().add(hostBar(model)));
        header.setPadding(new Insets(8, 10, 8, 10));
        header.getStyleClass().add("header-bar");

        // Opening a conversation on purpose puts the caret in the message box (issue 12); set once the chat exists.
        java.util.function.LongConsumer openDirect = userId -> {
            model.openDirect(userId);
            if (composer != null && dev.parley.client.core.net.Conversation.direct(userId)
                    .equals(model.chat().conversationProperty().get())) {
                composer.focusComposer();
            }
        };
        ChannelTreeView tree = new ChannelTreeView(model.tree(), model::openChannelChat, openDirect,
                user -> model.volumes().volumeOf(user.name()),
                (user, percent, settled) -> model.volumes().set(user.id(), user.name(), percent, settled));
        Label treeNotice = new Label();
        treeNotice.setId("tree-notice");
        treeNotice.getStyleClass().add("error-text");
        // Something done ("bob is now a moderator.") reads calm; a refusal stays red.
        model.tree().noticeIsGoodNewsProperty().addListener((obs, old, good) ->
                treeNotice.getStyleClass().setAll("label", good ? "success-text" : "error-text"));
        treeNotice.setWrapText(true);
        treeNotice.textProperty().bind(model.tree().noticeProperty());
        export = exportEntry(model);
        VBox left = new VBox(tree, treeNotice, directMessageList(model, export, openDirect),
                new dev.parley.client.ui.presence.OfflineMembersView(model.offlineMembers()));
        left.setMinWidth(180);
        VBox.setVgrow(tree, Priority.ALWAYS);
        tree.addMenuItems(admin::userItems, (channel, owner) -> java.util.stream.Stream.concat(
                admin.channelItems(channel, owner).stream(), export.channelItems(channel, owner).stream()).toList());
        dev.parley.client.ui.notify.NotifyMenus notifyMenus = new dev.parley.client.ui.notify.NotifyMenus(model.notifications());
        tree.useNotifications((channel, row) -> notifyMenus.decorate(
                        dev.parley.client.core.net.Conversation.channel(channel.id()), row, "channel-" + channel.id()),
                channel -> notifyMenus.items(dev.parley.client.core.net.Conversation.channel(channel.id())));
        model.notifications().revisionProperty().addListener((obs, old, now) -> tree.redrawMarks());
        addFriends(model, notifier, tree, left, openDirect);
        tree.addMenuItems((user, owner) -> dev.parley.client.ui.call.CallMenu.items(model.calls(), user,
                model.tree().selfRoleProperty().get()), (channel, owner) -> java.util.List.of());
        ChatView chat = new ChatView(model.chat(), openLink);
        composer = chat;
        useEncryption(model, tree, chat);
        chat.addHeaderTool(directCallButton(model));
        tree.afterOpeningChannel(chat::focusComposer);
        chat.allowDeletingOthers(admin::canDeleteOthers);
        chat.useFiles(model.files(), dev.parley.client.ui.files.FileDialogs.system());
        // Promoted or demoted while reading: the messages' menus follow at once.
        model.tree().selfRoleProperty().addListener((obs, old, now) -> chat.allowDeletingOthers(admin::canDeleteOthers));
        chat.setMinWidth(300);
        SplitPane split = new SplitPane(left, chat);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(left, false);
        voiceBar = new VoiceBarView(model.voiceBar());
        // The whisper key talks to whoever is selected in the tree when it goes down.
        model.voiceBar().whisper().useSelection(tree::whisperTarget);
        // Recordings play in a window of their own; its folder button opens the file manager like a link.
        recordings = new dev.parley.client.ui.record.RecordingsEntry(model::recordings, openLink);
        voiceBar.addRecording(model.recording(), () -> recordings.open(getScene().getWindow()));
        setTop(header);
        // Toasts (the DM card, notifications) stack in one corner layer that lets clicks through between them.
        dev.parley.client.ui.notify.ToastStack toasts = new dev.parley.client.ui.notify.ToastStack();
        toasts.keep(new dev.parley.client.ui.chat.InAppToast(model.inAppMessageProperty(),
                message -> openDirect.accept(message.authorId())));
        setCenter(new javafx.scene.layout.StackPane(split, toasts));
        setBottom(new javafx.scene.layout.VBox(voiceBar.notices(), voiceBar));
        useSearch(model, chat, split);
        javafx.scene.control.ListView<?> directList = (javafx.scene.control.ListView<?>) left.lookup("#dm-list");
        PaneCycle.install(this, java.util.List.of(
                new PaneCycle.Region(tree, () -> tree),
                new PaneCycle.Region(directList, () -> directList.getItems().isEmpty() ? null : directList),
                new PaneCycle.Region(chat, () -> chat.lookup("#chat-input")),
                new PaneCycle.Region(voiceBar, () -> voiceBar.lookup("#mute-toggle"))));

        model.setCallNotifier(name -> {
            if (getScene() != null && getScene().getWindow() != null) {
                notifier.show(getScene().getWindow(), "Incoming call", name + " is calling");
            }
        });
        model.setNotifier(message -> {
            if (getScene() != null && getScene().getWindow() != null) {
                notifier.show(getScene().getWindow(), NotificationPolicy.title(message, model.session().server().username()),
                        message.text());
            }
        });
    }

    /**
     * "Call" in a direct conversation's header: shown while a DM is open and I have an account (guests
     * cannot call), disabled while a call rings or runs. The room says why not if they are offline.
     */
    private static Button directCallButton(MainViewModel model) {
        Button call = new Button("Call");
        call.setId("dm-call");
        call.getStyleClass().add("small");
        call.setMinWidth(Region.USE_PREF_SIZE);
        call.setTooltip(new Tooltip("Call this person (voice, just the two of you)"));
        javafx.beans.binding.BooleanBinding direct = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> model.chat().conversationProperty().get() instanceof dev.parley.client.core.net.Conversation.Direct
                        && dev.parley.client.ui.call.CallMenu.canCall(model.tree().selfRoleProperty().get()),
                model.chat().conversationProperty(), model.tree().selfRoleProperty());
        call.visibleProperty().bind(direct);
        call.managedProperty().bind(direct);
        call.disableProperty().bind(model.calls().inCallProperty());
        call.setOnAction(event -> {
            if (model.chat().conversationProperty().get() instanceof dev.parley.client.core.net.Conversation.Direct peer) {
                model.call(peer.peerId());
            }
        });
        return call;
    }

    /**
     * What a host needs to let people in: the addresses, the certificate fingerprint joiners are asked
     * to compare, and an invite link that carries it (so they need not compare at all). Wraps when narrow.
     */
    private static FlowPane hostBar(MainViewModel model) {
        HostedRoom hosted = model.session().hosted().orElseThrow();
        Label addresses = new Label("Hosting · others join at " + String.join(", ", hosted.addresses()));
        addresses.setId("host-addresses");
        addresses.getStyleClass().add("host-info");
        Label fingerprint = new Label(hosted.fingerprint().map(fp -> "Certificate " + fp).orElse("No TLS: plain connection"));
        fingerprint.setId("host-fingerprint");
        fingerprint.getStyleClass().addAll("host-info", "fingerprint");
        fingerprint.setMinWidth(0);
        fingerprint.setTooltip(new Tooltip("Joiners who type the address are asked to compare this fingerprint."
                + " An invite link carries it, so they are not asked."));
        Button copy = new Button("Copy invite");
        copy.setId("copy-invite");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        Label copied = new Label();
        copied.setId("invite-copied");
        copied.getStyleClass().add("host-info");
        // The confirmation goes away by itself (it stayed forever); a pause that ends, not a running timer.
        javafx.animation.PauseTransition clearCopied = new javafx.animation.PauseTransition(INVITE_COPIED_SHOWN_FOR);
        clearCopied.setOnFinished(event -> copied.setText(""));
        copy.setOnAction(event -> {
            String link = model.inviteLink();
            ClipboardContent content = new ClipboardContent();
            content.putString(link);
            Clipboard.getSystemClipboard().setContent(content);
            copied.setText("Invite copied: paste it to your friends.");
            clearCopied.playFromStart();
        });
        FlowPane bar = new FlowPane(12, 4, addresses, fingerprint, copy, copied);
        bar.setId("host-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    /** "Direct messages": who, present or not, how many unread; a click or Enter opens the conversation. */
    private static VBox directMessageList(MainViewModel model, dev.parley.client.ui.export.ExportEntry export,
                                          java.util.function.LongConsumer openDirect) {
        dev.parley.client.ui.notify.NotifyMenus notifyMenus = new dev.parley.client.ui.notify.NotifyMenus(model.notifications());
        Label title = new Label("Direct messages");
        title.getStyleClass().add("section-title");
        javafx.scene.control.ListView<DirectMessageList.Entry> list = new javafx.scene.control.ListView<>(
                model.directMessages().entries());
        list.setId("dm-list");
        // Its one-line hint while empty, so a small window keeps its room for the channel tree.
        list.prefHeightProperty().bind(javafx.beans.binding.Bindings.when(javafx.beans.binding.Bindings.isEmpty(list.getItems()))
                .then(60.0).otherwise(110.0));
        list.setMinHeight(60);
        // Short enough for the narrowest left pane, and wrapping (never "…") when narrower still.
        Label none = new Label("No conversations yet. Right-click someone to write privately.");
        none.setId("dm-placeholder");
        none.setWrapText(true);
        none.setPadding(new Insets(4));
        none.setMinHeight(Region.USE_PREF_SIZE);
        none.maxWidthProperty().bind(list.widthProperty().subtract(16));
        list.setPlaceholder(none);
        list.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DirectMessageList.Entry entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(null);
                if (empty || entry == null) {
                    setGraphic(null);
                    setContextMenu(null);
                    return;
                }
                javafx.scene.shape.Circle presence = dev.parley.client.ui.presence.PresenceMarks.dot(entry.presence());
                presence.setId("dm-dot-" + entry.name());
                Label name = new Label(entry.name());
                name.setId("dm-" + entry.name());
                HBox row = new HBox(6, presence, name);
                dev.parley.client.ui.presence.PresenceMarks.tag(entry.presence(), "dm-presence-" + entry.name())
                        .ifPresent(row.getChildren()::add);
                row.setAlignment(Pos.CENTER_LEFT);
                if (entry.unread() > 0) {
                    Region gap = new Region();
                    HBox.setHgrow(gap, Priority.ALWAYS);
                    Label badge = new Label(entry.unreadText());
                    badge.getStyleClass().add("unread-badge");
                    badge.setId("dm-unread-" + entry.name());
                    row.getChildren().addAll(gap, badge);
                }
                dev.parley.client.core.net.Conversation direct = dev.parley.client.core.net.Conversation.direct(entry.peerId());
                notifyMenus.decorate(direct, row, "dm-" + entry.name());
                javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(notifyMenus.items(direct)
                        .toArray(javafx.scene.control.MenuItem[]::new));
                menu.getItems().add(export.directItem(entry.peerId(), entry.name(), this));
                dev.parley.client.ui.friends.FriendMenu.addTo(menu, entry, model.friends(),
                        model.tree().selfRoleProperty()::get);
                setContextMenu(menu);
                setGraphic(row);
            }
        });
        model.notifications().revisionProperty().addListener((obs, old, now) -> list.refresh());
        list.setOnMouseClicked(event -> {
            DirectMessageList.Entry chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null && event.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                openDirect.accept(chosen.peerId());
            }
        });
        list.setOnKeyPressed(event -> {
            DirectMessageList.Entry chosen = list.getSelectionModel().getSelectedItem();
            if (chosen != null && event.getCode() == javafx.scene.input.KeyCode.ENTER) {
                openDirect.accept(chosen.peerId());
                event.consume();
            }
        });
        VBox box = new VBox(4, title, list);
        box.setPadding(new Insets(6, 0, 0, 6));
        return box;
    }

    /** "Export conversation…" in the channel and direct-message menus; the room and my name are read off the UI thread. */
    private static dev.parley.client.ui.export.ExportEntry exportEntry(MainViewModel model) {
        var client = model.session().client();
        var room = model.session().room();
        var keys = model.encryption().keys();
        var entry = new dev.parley.client.ui.export.ExportEntry(client, UiThread.fx(),
                () -> client.serverInfo().map(info -> info.serverName()).orElse(null),
                () -> {
                    try {
                        return java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> room.self().map(self -> self.name()).orElse(null), client.eventLoop()::execute)
                                .get(5, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return null;
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                        return null; // the export names no exporter rather than not happening
                    }
                });
        // An encrypted channel's export is opened here with the keys I hold; the room only ever saw it sealed.
        entry.useReaders(channelId -> dev.parley.client.core.e2e.SealedMessages.reader(keys.byEpoch(channelId)));
        return entry;
    }

    /** Puts the caret in the message box (once the window is in its scene). */
    void focusMessageBox() {
        if (composer == null || getScene() == null) {
            return;
        }
        javafx.scene.Scene scene = getScene();
        javafx.scene.Node input = composer.lookup("#chat-input");
        // Until the caret first gets there (or the user clicks or presses a key), it belongs in the message box. A
        // focus asked for now does not hold: at the next pulse the scene drops the start screen's focus owner and
        // gives the focus to its first control (the presence menu), and the box may still wait for its chat.
        javafx.beans.value.ChangeListener<javafx.scene.Node> keep = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Node> value,
                                javafx.scene.Node old, javafx.scene.Node now) {
                if (now == input) {
                    scene.focusOwnerProperty().removeListener(this);
                } else {
                    javafx.application.Platform.runLater(composer::focusComposer);
                }
            }
        };
        scene.focusOwnerProperty().addListener(keep);
        javafx.event.EventHandler<javafx.scene.input.InputEvent> userActed = new javafx.event.EventHandler<>() {
            @Override
            public void handle(javafx.scene.input.InputEvent event) {
                if (event.getEventType() == javafx.scene.input.KeyEvent.KEY_PRESSED
                        || event.getEventType() == javafx.scene.input.MouseEvent.MOUSE_PRESSED) {
                    scene.focusOwnerProperty().removeListener(keep);
                    scene.removeEventFilter(javafx.scene.input.InputEvent.ANY, this);
                }
            }
        };
        scene.addEventFilter(javafx.scene.input.InputEvent.ANY, userActed);
        // Left before touching anything: the scene stays (the start screen comes back in it), this window does not.
        sceneProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.scene.Scene> value,
                                javafx.scene.Scene old, javafx.scene.Scene now) {
                if (now != scene) {
                    scene.focusOwnerProperty().removeListener(keep);
                    scene.removeEventFilter(javafx.scene.input.InputEvent.ANY, userActed);
                    sceneProperty().removeListener(this);
                }
            }
        });
        composer.focusComposer();
    }

    /** The export entry points, for tests (which answer its save dialog). */
    public dev.parley.client.ui.export.ExportEntry export() {
        return export;
    }

    /**
     * Chat search (issue 13): a panel beside the chat, opened with Ctrl+F or the header's search button;
     * choosing a result opens its conversation at that message.
     */
    /** End-to-end encrypted channels: locks in the tree and the chat header, their menu entries, the passphrase dialog. */
    private void useEncryption(MainViewModel model, ChannelTreeView tree, ChatView chat) {
        dev.parley.client.ui.e2e.EncryptionViewModel encryption = model.encryption();
        dev.parley.client.ui.e2e.EncryptionMenus menus = new dev.parley.client.ui.e2e.EncryptionMenus(encryption,
                model.tree().selfRoleProperty()::get);
        tree.addMenuItems((user, owner) -> java.util.List.of(), menus::channelItems);
        tree.useEncryptionTips(channel -> encryption.describe(channel.id()));
        encryption.revisionProperty().addListener((obs, old, now) -> tree.redrawMarks());
        chat.addTitleMark(menus.headerLock(model.chat().conversationProperty()));
        encryption.setAsker(channel -> dev.parley.client.ui.e2e.PassphraseDialog.show(
                getScene() == null ? null : getScene().getWindow(), encryption, channel));
    }

    private void useSearch(MainViewModel model, ChatView chat, SplitPane split) {
        dev.parley.client.ui.search.SearchModel searchModel = new dev.parley.client.ui.search.SearchModel(
                model.session().client(), model.session().room(), UiThread.fx(), model.chat().conversationProperty());
        // The room cannot read encrypted channels: they are searched here, with the keys given this session.
        searchModel.useSealedSearch(model.encryption().keys(),
                new dev.parley.client.core.e2e.SealedSearch(model.session().client(), model.background()));
        search = new dev.parley.client.ui.search.SearchPanel(searchModel);
        search.onOpen(result -> model.openAt(result.conversation(), result.message().id()));
        search.onClose(() -> {
            split.getItems().remove(search);
            chat.lookup("#chat-input").requestFocus();
        });
        Button open = new Button("Search");
        open.setId("open-search");
        open.getStyleClass().add("small");
        open.setTooltip(new Tooltip("Search messages (Ctrl+F)"));
        open.setMinWidth(Region.USE_PREF_SIZE);
        open.setOnAction(event -> openSearch(split));
        chat.addHeaderTool(open);
        javafx.scene.input.KeyCombination find = new javafx.scene.input.KeyCodeCombination(
                javafx.scene.input.KeyCode.F, javafx.scene.input.KeyCombination.SHORTCUT_DOWN);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (find.match(event)) {
                openSearch(split);
                event.consume();
            }
        });
    }

    private void openSearch(SplitPane split) {
        if (!split.getItems().contains(search)) {
            split.getItems().add(search);
            split.setDividerPositions(0.22, 0.62);
        }
        search.focusWords();
    }

    /** The search panel (shown beside the chat once opened). */
    public dev.parley.client.ui.search.SearchPanel search() {
        return search;
    }

    /**
     * The Friends section below the direct messages, the friend entries of the tree's user menus, and a
     * notification (toast, or the desktop's when the window is in the background) for each friend request.
     */
    private void addFriends(MainViewModel model, DesktopNotifier notifier, ChannelTreeView tree, VBox left,
                            java.util.function.LongConsumer openDirect) {
        dev.parley.client.ui.friends.FriendsViewModel friends = model.friends();
        left.getChildren().add(left.getChildren().size() - 1, new dev.parley.client.ui.friends.FriendsView(friends,
                openDirect));
        tree.addMenuItems((user, owner) -> dev.parley.client.ui.friends.FriendMenu.items(friends, user,
                model.tree().selfRoleProperty().get()), (channel, owner) -> java.util.List.of());
        // The tree's menus are made as rows are drawn: draw them again when a friend status changes.
        friends.statusesChangedProperty().addListener((obs, old, now) -> tree.refresh());
        friends.onIncomingRequest(name -> notifyFriends("Friend request", name + " wants to be your friend.", notifier));
        friends.onRequestAccepted(name -> notifyFriends("Friend request accepted", "You and " + name
                + " are friends now.", notifier));
    }

    private void notifyFriends(String title, String text, DesktopNotifier notifier) {
        if (getScene() != null && getScene().getWindow() != null) {
            notifier.show(getScene().getWindow(), title, text);
        }
    }

    /** Room admin entry points (header button, menus) for tests and keyboard shortcuts. */
    public AdminEntry admin() {
        return admin;
    }

    /** The Recordings window's entry point (tests). */
    public dev.parley.client.ui.record.RecordingsEntry recordings() {
        return recordings;
    }

    public void stop() {
        recordings.close();
        admin.close();
        voiceBar.stop();
    }
}
