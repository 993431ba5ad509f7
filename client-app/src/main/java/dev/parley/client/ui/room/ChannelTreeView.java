package dev.parley.client.ui.room;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.function.LongConsumer;
import javafx.geometry.Side;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.shape.Circle;

/**
 * The channel tree: channels with user counts and unread badges, users with talking, muted and
 * deafened marks. Double-click or Enter joins a channel; a single click or Space opens its chat; Enter
 * on a user opens a direct message; menus (right click, Shift+F10, Menu key) offer what my role allows.
 * The selection is only a cursor and never opens anything by itself, so a rebuild (someone talks,
 * mutes, joins) never changes the open conversation. Ctrl or Shift+click selects several rows, for the
 * whisper key ({@link #whisperTarget()}); a rebuild keeps them all selected. Thin over {@link ChannelTreeViewModel}; UI thread only.
 */
public final class ChannelTreeView extends TreeView<Object> {
    private final ChannelTreeViewModel model;
    private final LongConsumer openChannelChat;
    private final LongConsumer openDirect;
    private final ToIntFunction<UserNode> volumeOf;
    private final VolumeChange setVolume;
    /** Entries another feature adds to a user's and a channel's menu (room admin: roles, bans, permissions). */
    private BiFunction<UserNode, javafx.scene.Node, List<MenuItem>> moreUserItems = (user, owner) -> List.of();
    private BiFunction<ChannelNode, javafx.scene.Node, List<MenuItem>> moreChannelItems = (channel, owner) -> List.of();
    /** Notification settings (issue 13): marks on a channel's row and entries at the end of its menu. */
    private java.util.function.BiConsumer<ChannelNode, HBox> decorateChannel = (channel, row) -> { };
    private java.util.function.Function<ChannelNode, List<MenuItem>> notifyItems = channel -> List.of();
    /**
     * Run after a click or Enter opened a channel's chat: the user wants to write there (the main window
     * moves the caret to the message box). Space, which only previews a chat, leaves the focus in the tree.
     */
    private Runnable afterOpeningChannel = () -> { };
    /** The tooltip of an encrypted channel's lock (what it means, my verification code); see {@link #useEncryptionTips}. */
    private java.util.function.Function<ChannelNode, String> encryptionTip =
            channel -> "End-to-end encrypted: the room cannot read this channel";
    /** Bumped when marks change without a new snapshot, so cells draw their graphic again. */
    private int marksVersion;

    /** A user's volume slider moved; {@code settled} once the user lets go (worth remembering). */
    @FunctionalInterface
    public interface VolumeChange {
        void changed(UserNode user, int percent, boolean settled);
    }

    /**
     * @param volumeOf  how loud I hear a user now, in percent
     * @param setVolume called as the user's volume slider moves
     */
    public ChannelTreeView(ChannelTreeViewModel model, LongConsumer openChannelChat, LongConsumer openDirect,
                           ToIntFunction<UserNode> volumeOf, VolumeChange setVolume) {
        this.model = model;
        this.openChannelChat = openChannelChat;
        this.openDirect = openDirect;
        this.volumeOf = volumeOf;
        this.setVolume = setVolume;
        setId("channel-tree");
        setShowRoot(false);
        setRoot(new TreeItem<>("room"));
        setCellFactory(tree -> new Cell());
        // Several people can be selected to whisper to them together (the whisper key); everything else
        // acts on the cursor row (the last one selected) as before.
        getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        model.rootsProperty().addListener((obs, old, roots) -> rebuild(roots));
        rebuild(model.rootsProperty().get());
        // Selection is only a cursor: a rebuild moves it around for a moment, so it never opens a chat.
        // Only a click or a key press does (see Cell and keyPressed).
        addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
            if (event.isKeyboardTrigger()) {
                showMenuOfSelected();
                event.consume();
            }
        });
    }

    /** What happens after a click or Enter opened a channel's chat (the main window focuses the message box). */
    public void afterOpeningChannel(Runnable then) {
        afterOpeningChannel = then;
    }

    /** Adds entries to every user's and channel's menu, each asked for when the row is drawn. */
    public void addMenuItems(BiFunction<UserNode, javafx.scene.Node, List<MenuItem>> users,
                             BiFunction<ChannelNode, javafx.scene.Node, List<MenuItem>> channels) {
        // Several features add entries (room admin, friends): each call adds its own after the earlier ones.
        BiFunction<UserNode, javafx.scene.Node, List<MenuItem>> earlierUsers = moreUserItems;
        BiFunction<ChannelNode, javafx.scene.Node, List<MenuItem>> earlierChannels = moreChannelItems;
        moreUserItems = (user, owner) -> concat(earlierUsers.apply(user, owner), users.apply(user, owner));
        moreChannelItems = (channel, owner) -> concat(earlierChannels.apply(channel, owner), channels.apply(channel, owner));
        refresh();
    }

    /** Notification marks for each channel row and entries for its menu; {@link #redrawMarks} when they change. */
    public void useNotifications(java.util.function.BiConsumer<ChannelNode, HBox> decorate,
                                 java.util.function.Function<ChannelNode, List<MenuItem>> items) {
        decorateChannel = decorate;
        notifyItems = items;
        redrawMarks();
    }

    /** How an encrypted channel's lock explains itself; {@link #redrawMarks} when it changes (a key entered). */
    public void useEncryptionTips(java.util.function.Function<ChannelNode, String> tips) {
        encryptionTip = tips;
        redrawMarks();
    }

    /** Draws every row again: what the marks show changed though the room did not. */
    public void redrawMarks() {
        marksVersion++;
        refresh();
    }

    private void keyPressed(KeyEvent event) {
        Object selected = Optional.ofNullable(getSelectionModel().getSelectedItem()).map(TreeItem::getValue).orElse(null);
        if (event.getCode() == KeyCode.ENTER && selected instanceof ChannelNode channel) {
            openChannelChat.accept(channel.id());
            join(channel);
            afterOpeningChannel.run();
            event.consume();
        } else if (event.getCode() == KeyCode.SPACE && selected instanceof ChannelNode channel) {
            openChannelChat.accept(channel.id());
            event.consume();
        } else if (event.getCode() == KeyCode.ENTER && selected instanceof UserNode user && !user.self()) {
            openDirect.accept(user.id());
            event.consume();
        } else if (event.getCode() == KeyCode.CONTEXT_MENU || (event.getCode() == KeyCode.F10 && event.isShiftDown())) {
            showMenuOfSelected();
            event.consume();
        }
    }

    /** Shift+F10 or the Menu key: the selected row's menu, under that row. */
    private void showMenuOfSelected() {
        TreeItem<Object> selected = getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        lookupAll(".tree-cell").stream()
                .filter(node -> node instanceof TreeCell<?> cell && cell.getTreeItem() == selected && cell.getContextMenu() != null)
                .findFirst()
                .ifPresent(node -> ((TreeCell<?>) node).getContextMenu().show(node, Side.BOTTOM, 16, 0));
    }

    private void rebuild(List<ChannelNode> roots) {
        Object selected = Optional.ofNullable(getSelectionModel().getSelectedItem()).map(TreeItem::getValue).orElse(null);
        // With several people selected (to whisper to them), everyone stays selected; the cursor row last.
        List<String> others = getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull)
                .map(TreeItem::getValue).filter(value -> value != selected).map(ChannelTreeView::key).toList();
        int focusedRow = getFocusModel().getFocusedIndex();
        TreeItem<Object> root = getRoot();
        root.getChildren().setAll(roots.stream().map(this::item).toList());
        getSelectionModel().clearSelection();
        others.forEach(key -> reselect(root, key));
        if (selected == null || !reselect(root, key(selected))) {
            if (focusedRow >= 0) {
                getFocusModel().focus(Math.min(focusedRow, getExpandedItemCount() - 1));
            }
        }
    }

    /**
     * Whom the whisper key talks to now: the selected people (Ctrl or Shift+click to select several),
     * else the selected channel; empty when neither (or only I) is selected.
     */
    public Optional<dev.parley.client.ui.voice.WhisperTarget> whisperTarget() {
        return ChannelTreeViewModel.whisperTarget(getSelectionModel().getSelectedItems().stream()
                .filter(java.util.Objects::nonNull).map(TreeItem::getValue).toList());
    }

    private TreeItem<Object> item(ChannelNode channel) {
        TreeItem<Object> item = new TreeItem<>(channel);
        item.setExpanded(true);
        channel.users().forEach(user -> item.getChildren().add(new TreeItem<>(user)));
        channel.children().forEach(child -> item.getChildren().add(item(child)));
        return item;
    }

    private static String key(Object value) {
        return value instanceof ChannelNode channel ? "c" + channel.id() : "u" + ((UserNode) value).id();
    }

    private boolean reselect(TreeItem<Object> parent, String key) {
        for (TreeItem<Object> child : parent.getChildren()) {
            if (key.equals(key(child.getValue()))) {
                getSelectionModel().select(child);
                return true;
            }
            if (reselect(child, key)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A row. Its graphic is made anew for each snapshot, so the graphic must get its CSS before it is
     * drawn: JavaFX's {@code Cell} calls {@link #updateItem} again, with the same item, from inside its
     * own layout whenever the row's selected state flips (JDK-8145588's "item dirty"), and a rebuild
     * clears and restores the selection. That call comes after the pulse's CSS pass, so the fresh nodes
     * were drawn unstyled, a black circle and a black name on the selected row (seen on GTK/Xvfb), until
     * a later frame styled them. Now the same snapshot keeps its graphic, and a new graphic gets its CSS
     * at once.
     */
    private final class Cell extends TreeCell<Object> {
        /** The snapshot the graphic shows (identity: a rebuild brings new snapshots). */
        private Object shown;
        private int shownMarks;

        Cell() {
            setOnMouseClicked(event -> {
                if (event.getButton() != MouseButton.PRIMARY || !(getItem() instanceof ChannelNode channel)) {
                    return;
                }
                if (event.getClickCount() == 1) {
                    openChannelChat.accept(channel.id());
                } else if (event.getClickCount() == 2) {
                    join(channel);
                }
                afterOpeningChannel.run();
            });
        }

        @Override
        protected void updateItem(Object value, boolean empty) {
            super.updateItem(value, empty);
            if (!empty && value != null && value == shown && shownMarks == marksVersion && getGraphic() != null) {
                return; // only the selection changed: the graphic already shows this snapshot, styled
            }
            shown = empty ? null : value;
            shownMarks = marksVersion;
            setText(null);
            getStyleClass().removeAll("channel-cell", "user-cell", "my-channel");
            if (empty || value == null) {
                setGraphic(null);
                setContextMenu(null);
            } else if (value instanceof ChannelNode channel) {
                setGraphic(channelGraphic(channel));
                getStyleClass().add("channel-cell");
                if (channel.mine()) {
                    getStyleClass().add("my-channel");
                }
                setContextMenu(channelMenu(channel));
            } else if (value instanceof UserNode user) {
                setGraphic(userGraphic(user));
                getStyleClass().add("user-cell");
                setContextMenu(userMenu(user));
            }
            if (getScene() != null && getGraphic() != null) {
                applyCss(); // we may be inside a layout pass, after this pulse's CSS pass
            }
        }
    }

    private Region channelGraphic(ChannelNode channel) {
        Label name = new Label("# " + channel.channel().name());
        name.getStyleClass().add("channel-name");
        name.setId("channel-" + channel.id());
        Label count = new Label(channel.users().isEmpty() ? "" : "(" + channel.users().size() + ")");
        count.getStyleClass().add("user-count");
        HBox box = new HBox(6, name, count);
        if (channel.channel().passwordProtected()) {
            box.getChildren().add(1, icon("password", "locked"));
        }
        if (channel.channel().endToEnd()) {
            // After the name: the room cannot read this channel (see ui.e2e for the keys and the tooltip's code).
            Label lock = icon("🔒", "e2e-lock");
            lock.setId("e2e-lock-" + channel.id());
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(encryptionTip.apply(channel));
            tip.setShowDelay(javafx.util.Duration.millis(300));
            lock.setTooltip(tip);
            name.setTooltip(tip);
            box.getChildren().add(1, lock);
        }
        if (channel.unread() > 0) {
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            Label badge = new Label(channel.unreadText());
            badge.getStyleClass().add("unread-badge");
            badge.setId("unread-" + channel.id());
            box.getChildren().addAll(spacer, badge);
        }
        decorateChannel.accept(channel, box);
        return box;
    }

    private Region userGraphic(UserNode user) {
        // The same presence dot as the DM list (one look for presence everywhere); talking is a ring around it.
        Circle presence = dev.parley.client.ui.presence.PresenceMarks.dot(user.state().presence());
        presence.setId("presence-dot-" + user.name());
        Circle ring = new Circle(7);
        // A whisper to me outranks talk in the channel: it is meant for me alone (or my group).
        ring.getStyleClass().add(user.whisperingToMe() ? "whisper-ring" : user.talking() ? "talking-ring" : "quiet-ring");
        javafx.scene.layout.StackPane talking = new javafx.scene.layout.StackPane(ring, presence);
        Label name = new Label(user.name() + (user.self() ? " (you)" : ""));
        name.setId("user-" + user.name());
        if (user.whisperingToMe()) {
            name.getStyleClass().add("whispering");
            javafx.scene.control.Tooltip.install(talking, new javafx.scene.control.Tooltip("whispering to you"));
            name.setTooltip(new javafx.scene.control.Tooltip(user.name() + " is whispering to you"));
        } else if (user.talking()) {
            name.getStyleClass().add("talking");
        }
        HBox box = new HBox(6, talking, name);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label role = new Label(switch (user.state().user().role()) {
            case ADMIN -> "admin";
            case MODERATOR -> "mod";
            case GUEST -> "guest";
            case MEMBER -> "";
        });
        role.getStyleClass().add("role-tag");
        box.getChildren().add(role);
        dev.parley.client.ui.presence.PresenceMarks.tag(user.state().presence(), "presence-" + user.name())
                .ifPresent(box.getChildren()::add);
        if (user.state().muted()) {
            box.getChildren().add(icon("server-muted", "server-muted"));
        } else if (user.state().selfMuted()) {
            box.getChildren().add(icon("muted", "self-muted"));
        }
        if (user.state().deafened()) {
            box.getChildren().add(icon("deafened", "deafened"));
        }
        return box;
    }

    private static Label icon(String text, String styleClass) {
        Label label = new Label(text);
        label.getStyleClass().addAll("state-icon", styleClass);
        return label;
    }

    private void join(ChannelNode channel) {
        if (channel.mine()) {
            return;
        }
        if (channel.channel().passwordProtected()) {
            askPassword("Join " + channel.channel().name(), "Channel password").ifPresent(password -> model.join(channel.id(), password));
        } else {
            model.join(channel.id(), null);
        }
    }

    private ContextMenu channelMenu(ChannelNode channel) {
        ContextMenu menu = new ContextMenu();
        MenuItem join = new MenuItem("Join");
        join.setOnAction(event -> join(channel));
        join.setDisable(channel.mine());
        menu.getItems().add(join);
        if (model.canManageChannels()) {
            MenuItem create = new MenuItem("Create sub-channel…");
            create.setOnAction(event -> ask("New channel", "Name").ifPresent(name -> model.createChannel(channel.id(), name, null)));
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(event -> ask("Rename " + channel.channel().name(), "New name")
                    .ifPresent(name -> model.renameChannel(channel.id(), name)));
            MenuItem password = new MenuItem(channel.channel().passwordProtected() ? "Change or remove password…" : "Set password…");
            password.setOnAction(event -> askPassword("Password for " + channel.channel().name(), "Password (empty removes it)")
                    .ifPresent(value -> model.setChannelPassword(channel.id(), value)));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(event -> {
                if (dev.parley.client.ui.fx.Confirm.ask(getScene() == null ? null : getScene().getWindow(),
                        "Delete #" + channel.channel().name() + "?", "The channel and all its chat history are deleted"
                                + " for good. Its sub-channels move up; people in it move to the lobby.",
                        "Delete channel")) {
                    model.deleteChannel(channel.id());
                }
            });
            delete.setDisable(channel.channel().parentId() == null);
            menu.getItems().addAll(new SeparatorMenuItem(), create, rename, password, delete);
        }
        List<MenuItem> more = moreChannelItems.apply(channel, this);
        if (!more.isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(more);
        }
        List<MenuItem> notify = notifyItems.apply(channel);
        if (!notify.isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(notify);
        }
        return menu;
    }

    private ContextMenu userMenu(UserNode user) {
        ContextMenu menu = new ContextMenu();
        if (!user.self()) {
            MenuItem message = new MenuItem("Send direct message");
            message.setOnAction(event -> openDirect.accept(user.id()));
            // The room keeps direct messages for accounts only (guests have no lasting identity).
            DirectMessages.whyNot(model.selfRoleProperty().get(), user.state().user().role()).ifPresent(reason -> {
                message.setText("Send direct message (" + reason + ")");
                message.setDisable(true);
            });
            menu.getItems().addAll(message, new SeparatorMenuItem(), volumeItem(user));
        }
        if (model.canModerate(user)) {
            MenuItem mute = new MenuItem(user.state().muted() ? "Unmute" : "Mute");
            mute.setOnAction(event -> model.muteUser(user.id(), !user.state().muted()));
            MenuItem kick = new MenuItem("Kick…");
            kick.setOnAction(event -> ask("Kick " + user.name(), "Reason (optional)").ifPresent(reason -> model.kickUser(user.id(), reason)));
            javafx.scene.control.Menu move = new javafx.scene.control.Menu("Move to");
            addMoveTargets(move, model.rootsProperty().get(), user);
            menu.getItems().addAll(new SeparatorMenuItem(), mute, kick, move);
        }
        List<MenuItem> more = moreUserItems.apply(user, this);
        if (!more.isEmpty()) {
            menu.getItems().add(new SeparatorMenuItem());
            menu.getItems().addAll(more);
        }
        return menu.getItems().isEmpty() ? null : menu;
    }

    /** A slider right in the menu: moving it changes the volume at once (and it is remembered). */
    private CustomMenuItem volumeItem(UserNode user) {
        Slider slider = new Slider(0, 200, volumeOf.applyAsInt(user));
        slider.setId("volume-" + user.name());
        slider.setMajorTickUnit(100);
        slider.setShowTickMarks(true);
        slider.setPrefWidth(160);
        Label value = new Label();
        value.setMinWidth(44);
        value.textProperty().bind(slider.valueProperty().asString("%.0f %%"));
        slider.valueProperty().addListener((obs, old, now) ->
                setVolume.changed(user, (int) Math.round(now.doubleValue()), !slider.isValueChanging()));
        slider.valueChangingProperty().addListener((obs, was, changing) -> {
            if (!changing) {
                setVolume.changed(user, (int) Math.round(slider.getValue()), true);
            }
        });
        HBox box = new HBox(8, new Label("Volume"), slider, value);
        box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        CustomMenuItem item = new CustomMenuItem(box, false);
        item.setId("volume-item");
        return item;
    }

    private void addMoveTargets(javafx.scene.control.Menu move, List<ChannelNode> channels, UserNode user) {
        for (ChannelNode channel : channels) {
            MenuItem target = new MenuItem(channel.channel().name());
            target.setOnAction(event -> model.moveUser(user.id(), channel.id()));
            move.getItems().add(target);
            addMoveTargets(move, channel.children(), user);
        }
    }

    /** Like {@link #ask}, but the typing is masked: a channel password is never shown on screen. */
    private Optional<String> askPassword(String title, String prompt) {
        javafx.scene.control.Dialog<String> dialog = new javafx.scene.control.Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        javafx.scene.control.PasswordField field = new javafx.scene.control.PasswordField();
        field.setId("channel-password-field");
        HBox content = new HBox(8, new Label(prompt), field);
        content.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(javafx.scene.control.ButtonType.OK, javafx.scene.control.ButtonType.CANCEL);
        dialog.setResultConverter(button -> button == javafx.scene.control.ButtonType.OK ? field.getText() : null);
        // Later: the dialog focuses its default button (OK) once shown, after this handler; typing then went
        // nowhere and Enter sent an empty password.
        dialog.setOnShown(event -> javafx.application.Platform.runLater(field::requestFocus));
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        return dialog.showAndWait();
    }

    private Optional<String> ask(String title, String prompt) {
        TextInputDialog dialog = new TextInputDialog();
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(prompt);
        if (getScene() != null) {
            dialog.initOwner(getScene().getWindow());
        }
        return dialog.showAndWait();
    }

    private static List<MenuItem> concat(List<MenuItem> first, List<MenuItem> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first.isEmpty() ? second : first;
        }
        List<MenuItem> both = new java.util.ArrayList<>(first);
        both.addAll(second);
        return both;
    }
}
