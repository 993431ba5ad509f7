package dev.parley.client.ui.chat;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.ReactionCount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** The chat pane: messages, typing line, reply banner and input. Thin over {@link ChatViewModel}; UI thread only. */
public final class ChatView extends BorderPane {
    /** What a message row needs beside its text: the cell's padding and the vertical scroll bar. */
    private static final double CELL_ALLOWANCE = 40;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final List<String> QUICK_REACTIONS = List.of("👍", "❤", "😂", "🎉");
    private static final String DM_TITLE = "Direct message with ";

    private final ChatViewModel model;
    private final Consumer<String> openLink;
    private final ObjectProperty<ChatMessage> replyingTo = new SimpleObjectProperty<>();
    /** The message being edited in the input box (Up arrow or "Edit"); null while writing a new one. */
    private final ObjectProperty<ChatMessage> editing = new SimpleObjectProperty<>();
    private final ListView<ChatLine> list;
    private final TextField input = new TextField();
    /** Whether I may delete someone else's message (moderators in channels); asked when its menu is built. */
    private java.util.function.Predicate<ChatMessage> deleteOthers = message -> false;
    /** Whether new messages scroll the list down: true unless the user scrolled up into history. */
    private boolean followLatest = true;
    private final javafx.beans.property.BooleanProperty scrolledUp = new javafx.beans.property.SimpleBooleanProperty();
    /** Where the caret was while the message box last had focus: the emoji picker writes there. */
    private int lastCaret = -1;
    /** The user scrolled, clicked or pressed a key in the list: after the next layout, see where it is. */
    private boolean recheckAfterLayout;
    private HBox inputRow;
    /** The header line: where Enter sends, then tools added by {@link #addHeaderTool} (search). */
    private final HBox headerRow;
    private VBox bottom;
    /** Set by {@link #useFiles}; null: messages show no file cards and nothing can be attached. */
    private dev.parley.client.ui.files.ChatFiles files;
    private dev.parley.client.ui.files.FileDialogs fileDialogs;

    public ChatView(ChatViewModel model, Consumer<String> openLink) {
        this.model = model;
        this.openLink = openLink;
        getStyleClass().add("chat-view");
        list = new ListView<>(model.lines());
        list.setId("chat-list");
        list.setPlaceholder(new Label("No messages yet. Say hello!"));
        list.setCellFactory(view -> new LineCell());
        list.addEventFilter(ScrollEvent.SCROLL, event -> {
            if (event.getDeltaY() > 0 && isAtTop()) {
                model.loadOlder();
            }
        });
        model.lines().addListener((javafx.collections.ListChangeListener<ChatLine>) change -> {
            if (!model.loadingProperty().get() && followLatest) {
                // Once the list has taken in this change: scrolled from inside it, the list still
                // counted the old lines, and a single new message landed just below the visible area.
                javafx.application.Platform.runLater(() -> {
                    if (followLatest) {
                        list.scrollTo(Math.max(0, model.lines().size() - 1));
                    }
                });
            }
        });
        watchScrolling();
        showCentred();
        Button older = new Button("Load older messages");
        older.setId("chat-older");
        older.getStyleClass().add("flat");
        older.visibleProperty().bind(model.hasMoreProperty());
        older.managedProperty().bind(model.hasMoreProperty());
        older.setOnAction(event -> model.loadOlder());
        // Always say where Enter sends: a tree refresh or a DM arriving never changes it silently.
        Label header = new Label();
        header.setId("chat-header");
        header.getStyleClass().add("chat-header");
        header.textProperty().bind(model.titleProperty());
        header.setMinWidth(0);
        Region headerGap = new Region();
        HBox.setHgrow(headerGap, Priority.ALWAYS);
        headerRow = new HBox(6, header, headerGap);
        headerRow.setAlignment(Pos.CENTER_LEFT);
        VBox top = new VBox(4, headerRow, new HBox(older));
        ((HBox) top.getChildren().get(1)).setAlignment(Pos.CENTER);
        top.setPadding(new Insets(6, 8, 0, 8));
        list.addEventHandler(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, event -> {
            if (event.isKeyboardTrigger()) {
                showMenuOfSelected();
                event.consume();
            }
        });
        list.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.CONTEXT_MENU || (event.getCode() == KeyCode.F10 && event.isShiftDown())) {
                showMenuOfSelected();
                event.consume();
            }
        });

        input.setId("chat-input");
        input.setPromptText("Message");
        input.disableProperty().bind(model.conversationProperty().isNull());
        input.textProperty().bindBidirectional(model.draftProperty());
        // "Message # Lobby", "Message ann" (not "Message Direct message with ann").
        model.titleProperty().addListener((obs, old, title) -> input.setPromptText(title.isEmpty() ? "Message"
                : "Message " + (title.startsWith(DM_TITLE) ? title.substring(DM_TITLE.length()) : title)));
        model.conversationProperty().addListener((obs, old, now) -> {
            replyingTo.set(null);
            editing.set(null);
            followLatest = true;
            scrolledUp.set(false);
            lastCaret = -1;
        });
        input.setOnKeyTyped(event -> model.userTyped());
        input.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                ChatMessage edited = editing.get();
                if (edited != null) {
                    if (!input.getText().isBlank()) {
                        model.edit(edited.id(), input.getText().strip());
                    }
                    editing.set(null);
                    input.clear();
                } else {
                    ChatMessage reply = replyingTo.get();
                    model.sendDraft(reply == null ? null : reply.id());
                    replyingTo.set(null);
                    jumpToPresent(); // what I just wrote is always in view
                }
                event.consume();
            } else if (event.getCode() == KeyCode.ESCAPE) {
                if (editing.get() != null) {
                    editing.set(null);
                    input.clear();
                }
                replyingTo.set(null);
                event.consume();
            } else if (event.getCode() == KeyCode.UP && input.getText().isEmpty() && editing.get() == null) {
                model.lastOwnMessage().ifPresent(this::startEditing);
                event.consume();
            }
        });
        Label typing = new Label();
        typing.setId("chat-typing");
        typing.getStyleClass().add("typing-line");
        typing.textProperty().bind(model.typingProperty());
        Label notice = new Label();
        notice.getStyleClass().add("error-text");
        notice.textProperty().bind(model.noticeProperty());
        Label replyLabel = new Label();
        Button cancelReply = new Button("✕");
        cancelReply.getStyleClass().add("flat");
        cancelReply.setOnAction(event -> replyingTo.set(null));
        Label editLabel = new Label("Editing your message · Enter saves, Escape cancels");
        editLabel.setId("chat-editing");
        editLabel.getStyleClass().add("reply-banner");
        editLabel.visibleProperty().bind(editing.isNotNull());
        editLabel.managedProperty().bind(editing.isNotNull());
        HBox replyBanner = new HBox(6, replyLabel, cancelReply);
        replyBanner.getStyleClass().add("reply-banner");
        replyBanner.setAlignment(Pos.CENTER_LEFT);
        replyBanner.visibleProperty().bind(replyingTo.isNotNull());
        replyBanner.managedProperty().bind(replyingTo.isNotNull());
        replyingTo.addListener((obs, old, message) -> {
            replyLabel.setText(message == null ? "" : "Replying to " + ChatLines.preview(message));
            if (message != null) {
                input.requestFocus();
            }
        });
        notice.setWrapText(true);
        notice.setId("chat-notice");
        HBox mentions = new MentionSuggestions(input, model.memberNames());
        Button emoji = new Button("☺");
        emoji.setId("emoji-button");
        emoji.setTooltip(new javafx.scene.control.Tooltip("Emoji"));
        emoji.setFocusTraversable(true);
        emoji.setMinWidth(Region.USE_PREF_SIZE);
        emoji.disableProperty().bind(input.disableProperty());
        input.caretPositionProperty().addListener((obs, old, now) -> {
            if (input.isFocused()) {
                lastCaret = now.intValue();
            }
        });
        emoji.setOnAction(event -> EmojiPicker.show(emoji, chosen -> {
            int at = lastCaret < 0 || lastCaret > input.getLength() ? input.getLength() : lastCaret;
            input.insertText(at, chosen);
            input.requestFocus();
            input.positionCaret(at + chosen.length());
        }));
        HBox.setHgrow(input, Priority.ALWAYS);
        inputRow = new HBox(6, input, emoji);
        bottom = new VBox(4, typing, replyBanner, editLabel, mentions, inputRow, notice);
        bottom.setPadding(new Insets(6, 8, 8, 8));
        VBox.setVgrow(list, Priority.ALWAYS);
        setTop(top);
        Button jump = new Button("↓ Jump to present");
        jump.setId("jump-present");
        jump.getStyleClass().addAll("accent", "jump-present");
        // also while a search result's place in history is shown: newer messages are not loaded then
        jump.visibleProperty().bind(scrolledUp.or(model.detachedProperty()));
        jump.setOnAction(event -> jumpToPresent());
        javafx.scene.layout.StackPane center = new javafx.scene.layout.StackPane(list, jump);
        javafx.scene.layout.StackPane.setAlignment(jump, Pos.BOTTOM_CENTER);
        javafx.scene.layout.StackPane.setMargin(jump, new Insets(0, 0, 10, 0));
        setCenter(center);
        setBottom(bottom);
    }

    /**
     * Puts the caret in the message box: the user just opened this conversation (a click on a channel, a
     * DM opened from the tree or the DM list) and means to write in it. While no conversation is open yet, the
     * caret goes there when one opens.
     */
    public void focusComposer() {
        if (!input.isDisabled()) {
            input.requestFocus();
            input.end();
            return;
        }
        // Just in the room, the chat opens a moment later (its conversation comes from the room): focus it then,
        // once, unless the user has started typing somewhere else meanwhile.
        input.disabledProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> value, Boolean was, Boolean disabled) {
                if (!disabled) {
                    input.disabledProperty().removeListener(this);
                    if (getScene() != null && !typingElsewhere(getScene().getFocusOwner())) {
                        input.requestFocus();
                        input.end();
                    }
                }
            }
        });
    }

    /** Whether {@code owner} is another text field of this window (not one of the screen this window replaced). */
    private boolean typingElsewhere(Node owner) {
        if (!(owner instanceof javafx.scene.control.TextInputControl) || owner == input) {
            return false;
        }
        for (Node node = owner; node != null; node = node.getParent()) {
            if (node == getScene().getRoot()) {
                return true;
            }
        }
        return false;
    }

    /** Back to the newest message, following new ones again. */
    private void jumpToPresent() {
        model.backToPresent();
        followLatest = true;
        list.scrollTo(Math.max(0, model.lines().size() - 1));
        scrolledUp.set(false);
    }

    /** A search result opened here: scroll to it, select it (highlighted) and stop following the newest. */
    private void showCentred() {
        model.centredProperty().addListener((obs, old, id) -> {
            if (id.longValue() == 0) {
                return;
            }
            followLatest = false;
            scrolledUp.set(true);
            list.refresh();
            javafx.application.Platform.runLater(() -> {
                for (int i = 0; i < model.lines().size(); i++) {
                    if (model.lines().get(i) instanceof ChatLine.Message line && line.message().id() == id.longValue()) {
                        list.getSelectionModel().select(i);
                        list.scrollTo(Math.max(0, i - 3));
                        return;
                    }
                }
            });
        });
    }

    /** Adds a mark right after the conversation's name in the header (the lock of an encrypted channel). */
    public void addTitleMark(Node mark) {
        headerRow.getChildren().add(1, mark);
    }

    /** Adds a button (or other tool) at the end of the chat's header line. */
    public void addHeaderTool(Node tool) {
        headerRow.getChildren().add(tool);
    }

    /**
     * Only the user scrolls away from the newest message (wheel, keys, the scroll bar), so only their
     * input decides whether the list follows new messages; a list growing under them does not.
     */
    private void watchScrolling() {
        // Filters: the list's own handlers consume these events. The list moves at the next layout,
        // so the check waits for it.
        javafx.event.EventHandler<javafx.event.Event> userMoved = event -> {
            recheckAfterLayout = true;
            javafx.application.Platform.requestNextPulse();
        };
        list.addEventFilter(ScrollEvent.SCROLL, userMoved);
        list.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, userMoved);
        list.addEventFilter(javafx.scene.input.KeyEvent.KEY_RELEASED, userMoved);
        Runnable afterLayout = () -> {
            if (recheckAfterLayout) {
                recheckAfterLayout = false;
                boolean atBottom = atBottom();
                followLatest = atBottom;
                scrolledUp.set(!atBottom);
            }
        };
        sceneProperty().addListener((obs, old, scene) -> {
            if (old != null) {
                old.removePostLayoutPulseListener(afterLayout);
            }
            if (scene != null) {
                scene.addPostLayoutPulseListener(afterLayout);
            }
        });
    }

    /** Whether the newest line is in view (an empty or short list is always "at the bottom"). */
    private boolean atBottom() {
        if (!(list.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow)) {
            return true;
        }
        javafx.scene.control.IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || (last.getIndex() >= list.getItems().size() - 1
                && last.getLayoutY() + last.getHeight() <= flow.getHeight() + 2);
    }

    private void startEditing(ChatMessage message) {
        replyingTo.set(null);
        editing.set(message);
        input.setText(message.text());
        input.requestFocus();
        input.end();
    }

    /** Shift+F10 or the Menu key on the message list: the selected message's menu. */
    private void showMenuOfSelected() {
        ChatLine selected = list.getSelectionModel().getSelectedItem();
        if (selected == null) {
            return;
        }
        list.lookupAll(".list-cell").stream()
                .filter(node -> node instanceof ListCell<?> cell && cell.getItem() == selected && cell.getContextMenu() != null)
                .findFirst()
                .ifPresent(node -> ((ListCell<?>) node).getContextMenu().show(node, javafx.geometry.Side.BOTTOM, 16, 0));
    }

    private boolean isAtTop() {
        Node bar = list.lookup(".scroll-bar:vertical");
        return !(bar instanceof javafx.scene.control.ScrollBar scrollBar) || scrollBar.getValue() <= scrollBar.getMin();
    }

    /**
     * Files in this chat (issue 13): the attach button, drops on the chat, pasting images, the transfers
     * with progress and cancel, and file cards in the messages. Call once, after construction.
     */
    public void useFiles(dev.parley.client.ui.files.ChatFiles chatFiles, dev.parley.client.ui.files.FileDialogs dialogs) {
        this.files = chatFiles;
        this.fileDialogs = dialogs;
        Button attach = dev.parley.client.ui.files.FileControls.attachButton(chatFiles, () -> fileDialogs);
        // In an end-to-end encrypted channel files are sealed before they leave (ChatFiles), so the button stays.
        attach.disableProperty().bind(input.disableProperty());
        javafx.scene.control.Tooltip usual = attach.getTooltip();
        javafx.scene.control.Tooltip sealed = new javafx.scene.control.Tooltip(
                "Send a file, end-to-end encrypted: the room stores only ciphertext and cannot make a preview");
        attach.setTooltip(model.encryptedProperty().get() ? sealed : usual);
        model.encryptedProperty().addListener((obs, was, now) -> attach.setTooltip(now ? sealed : usual));
        inputRow.getChildren().add(attach);
        bottom.getChildren().add(bottom.getChildren().indexOf(inputRow),
                dev.parley.client.ui.files.FileControls.transferBar(chatFiles));
        dev.parley.client.ui.files.FileControls.acceptDrops(this, chatFiles);
        dev.parley.client.ui.files.FileControls.pasteImages(input, chatFiles);
        list.refresh();
    }

    /** Replaces the file dialogs (tests answer them without a native window). */
    public void useFileDialogs(dev.parley.client.ui.files.FileDialogs dialogs) {
        this.fileDialogs = dialogs;
        list.refresh();
    }

    /** Lets moderators delete others' messages: {@code allowed} is asked as each message's menu is built. */
    public void allowDeletingOthers(java.util.function.Predicate<ChatMessage> allowed) {
        deleteOthers = allowed;
        list.refresh();
    }

    private final class LineCell extends ListCell<ChatLine> {
        @Override
        protected void updateItem(ChatLine line, boolean empty) {
            super.updateItem(line, empty);
            setText(null);
            setContextMenu(null);
            setId(null);
            setAccessibleText(null);
            getStyleClass().removeAll("day-line", "mention", "pending", "search-hit", "continued", "call-entry",
                    "sealed-placeholder");
            if (empty || line == null) {
                setGraphic(null);
                return;
            }
            if (line instanceof ChatLine.Day day) {
                Label label = new Label(ChatLines.dayLabel(day.date(), LocalDate.now()));
                HBox box = new HBox(label);
                box.setAlignment(Pos.CENTER);
                getStyleClass().add("day-line");
                setGraphic(box);
            } else if (line instanceof ChatLine.Message message) {
                setGraphic(messageGraphic(message));
                // Grouped rows show no name: a screen reader still hears who wrote each one.
                setAccessibleText(spoken(message.message()));
                if (message.continued()) {
                    getStyleClass().add("continued");
                }
                if (message.mentionsMe()) {
                    getStyleClass().add("mention");
                }
                if (model.isPlaceholder(message.message().id())) {
                    getStyleClass().add("sealed-placeholder");
                }
                if (dev.parley.client.ui.call.CallWords.isCallEntry(message.message())) {
                    getStyleClass().add("call-entry");
                }
                if (message.message().id() == model.centredProperty().get()) {
                    getStyleClass().add("search-hit");
                    setId("search-hit-" + message.message().id());
                }
                setContextMenu(menu(message));
            } else if (line instanceof ChatLine.Pending pending) {
                Label author = new Label("me");
                author.getStyleClass().add("chat-author");
                Label state = new Label("sending…");
                state.getStyleClass().add("chat-time");
                VBox box = new VBox(2, new HBox(8, author, state), new Label(pending.message().text()));
                getStyleClass().add("pending");
                setGraphic(box);
            }
        }
    }

    /** "ann, 14:02: the text" (or "message deleted"): what assistive technology reads for a message row. */
    private static String spoken(ChatMessage message) {
        return message.authorName() + ", " + TIME.format(Instant.ofEpochMilli(message.ts()).atZone(ZoneId.systemDefault()))
                + ": " + (message.deleted() ? "message deleted" : message.text());
    }

    private Node messageGraphic(ChatLine.Message line) {
        ChatMessage message = line.message();
        boolean edited = message.editedTs() != null && !message.deleted();
        VBox box = new VBox(2);
        if (line.continued()) {
            // Same author a moment after their last message: no second name and time (the time is in the tooltip).
            javafx.scene.control.Tooltip.install(box, new javafx.scene.control.Tooltip(message.authorName() + " · "
                    + TIME.format(Instant.ofEpochMilli(message.ts()).atZone(ZoneId.systemDefault()))));
        } else {
            Label author = new Label(message.authorName());
            author.getStyleClass().add("chat-author");
            Label time = new Label(TIME.format(Instant.ofEpochMilli(message.ts()).atZone(ZoneId.systemDefault()))
                    + (edited ? " (edited)" : ""));
            time.getStyleClass().add("chat-time");
            box.getChildren().add(new HBox(8, author, time));
        }
        if (!line.replyPreview().isEmpty()) {
            Label reply = new Label("↪ " + line.replyPreview());
            reply.getStyleClass().add("reply-preview");
            box.getChildren().add(reply);
        }
        if (message.deleted()) {
            Label deleted = new Label("message deleted");
            deleted.getStyleClass().add("deleted");
            box.getChildren().add(deleted);
        } else {
            if (!message.text().isEmpty() || message.file() == null) {
                box.getChildren().add(textWithLinks(message.text()));
            }
            if (message.file() != null && files != null) {
                box.getChildren().add(dev.parley.client.ui.files.FileCard.of(message, files, fileDialogs, openLink));
            }
            if (edited && line.continued()) {
                Label mark = new Label("(edited)");
                mark.getStyleClass().add("chat-time");
                box.getChildren().add(mark);
            }
        }
        if (!message.reactions().isEmpty()) {
            HBox reactions = new HBox(4);
            for (ReactionCount reaction : message.reactions()) {
                Button chip = new Button(reaction.emoji() + " " + reaction.count());
                chip.getStyleClass().addAll("reaction-chip", "small");
                if (reaction.me()) {
                    chip.getStyleClass().add("mine");
                }
                chip.setOnAction(event -> model.toggleReaction(message, reaction.emoji()));
                chip.setTooltip(whoReactedTip(message.id(), reaction.emoji(), chip));
                reactions.getChildren().add(chip);
            }
            box.getChildren().add(reactions);
        }
        return box;
    }

    /** "Who reacted" loads when the pointer reaches the chip (one request per hover, not per message drawn). */
    private javafx.scene.control.Tooltip whoReactedTip(long messageId, String emoji, Button chip) {
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip("…");
        tip.setShowDelay(javafx.util.Duration.millis(300));
        chip.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, event ->
                model.whoReacted(messageId, emoji).thenAccept(tip::setText));
        return tip;
    }

    /** The message with its formatting: bold, italic, code, quotes, and links that open in the browser. */
    private TextFlow textWithLinks(String text) {
        TextFlow flow = new TextFlow();
        flow.getStyleClass().add("chat-text");
        for (ChatMarkup.Run run : ChatMarkup.parse(text)) {
            if (run.style() == ChatMarkup.Style.LINK) {
                String url = LinkText.withoutInvisibleControls(run.text());
                Hyperlink link = new Hyperlink(url);
                link.setOnAction(event -> openLink.accept(url));
                flow.getChildren().add(link);
                continue;
            }
            Text piece = styledText(run.text());
            switch (run.style()) {
                case BOLD -> piece.getStyleClass().add("chat-bold");
                case ITALIC -> piece.getStyleClass().add("chat-italic");
                case CODE -> piece.getStyleClass().add("chat-code");
                case QUOTE -> piece.getStyleClass().add("chat-quote");
                default -> { }
            }
            flow.getChildren().add(piece);
        }
        // Wraps at the list's width (less the cell's padding and the scroll bar): a fixed width showed a sideways
        // scroll bar in a narrow window and wasted a wide one.
        flow.prefWidthProperty().bind(list.widthProperty().subtract(CELL_ALLOWANCE));
        return flow;
    }

    private static Text styledText(String value) {
        Text text = new Text(value);
        text.getStyleClass().add("chat-text-run");
        return text;
    }

    private ContextMenu menu(ChatLine.Message line) {
        ChatMessage message = line.message();
        ContextMenu menu = new ContextMenu();
        if (message.deleted()) {
            return null;
        }
        MenuItem reply = new MenuItem("Reply");
        reply.setOnAction(event -> replyingTo.set(message));
        menu.getItems().add(reply);
        for (String emoji : QUICK_REACTIONS) {
            MenuItem react = new MenuItem("React " + emoji);
            react.setOnAction(event -> model.toggleReaction(message, emoji));
            menu.getItems().add(react);
        }
        MenuItem anyEmoji = new MenuItem("React with…");
        anyEmoji.setId("react-any");
        anyEmoji.setOnAction(event -> EmojiPicker.show(list, emoji -> model.toggleReaction(message, emoji)));
        menu.getItems().add(anyEmoji);
        if (line.mine()) {
            MenuItem edit = new MenuItem("Edit");
            edit.setOnAction(event -> startEditing(message));
            // A message this key can't open has no text here to edit (only a sentence in its place).
            edit.setDisable(model.isPlaceholder(message.id()));
            MenuItem delete = new MenuItem("Delete");
            delete.setOnAction(event -> model.delete(message.id()));
            menu.getItems().addAll(edit, delete);
        } else if (deleteOthers.test(message)) {
            MenuItem delete = new MenuItem("Delete (as moderator)");
            delete.setId("chat-delete-other");
            delete.setOnAction(event -> {
                // Someone else's words, gone for everyone: asked first, as deleting a channel is.
                String text = message.text().strip();
                String excerpt = text.length() > 80 ? text.substring(0, 79) + "…" : text;
                if (dev.parley.client.ui.fx.Confirm.ask(list.getScene() == null ? null : list.getScene().getWindow(),
                        "Delete " + message.authorName() + "'s message?",
                        "“" + excerpt + "” disappears for everyone in the room. " + message.authorName()
                                + " is not told why, and it cannot be undone.", "Delete message")) {
                    model.delete(message.id());
                }
            });
            menu.getItems().add(delete);
        }
        return menu;
    }
}
