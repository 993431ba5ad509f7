package dev.parley.client.ui.search;

import dev.parley.client.core.net.Conversation;
import java.util.function.Consumer;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * The search panel beside the chat: words and phrases, where (this channel or DM, or everything I
 * can read), from whom, between which days, with a file; results with where, who, when and the hit
 * highlighted, paged with "More results". Enter searches; Up/Down walk the results and Enter (or a
 * click) opens one in the chat; Escape closes the panel. Thin over {@link SearchModel}; UI thread only.
 */
public final class SearchPanel extends VBox {
    private final SearchModel model;
    private final TextField words = new TextField();
    private final ListView<SearchResult> list;
    private Consumer<SearchResult> onOpen = result -> { };
    private Runnable onClose = () -> { };

    public SearchPanel(SearchModel model) {
        this.model = model;
        setId("search-panel");
        getStyleClass().add("search-panel");
        setSpacing(6);
        setPadding(new Insets(8));
        setMinWidth(260);
        setPrefWidth(340);

        Label title = new Label("Search messages");
        title.getStyleClass().add("section-title");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button close = new Button("✕");
        close.setId("search-close");
        close.getStyleClass().add("flat");
        close.setTooltip(new Tooltip("Close search (Escape)"));
        close.setOnAction(event -> onClose.run());
        HBox head = new HBox(6, title, gap, close);
        head.setAlignment(Pos.CENTER_LEFT);

        words.setId("search-text");
        words.setPromptText("Words or \"a phrase\"");
        words.textProperty().bindBidirectional(model.textProperty());
        Button go = new Button("Search");
        go.setId("search-go");
        go.getStyleClass().add("accent");
        go.setMinWidth(Region.USE_PREF_SIZE);
        go.setOnAction(event -> model.search());
        HBox.setHgrow(words, Priority.ALWAYS);
        HBox query = new HBox(6, words, go);

        ToggleGroup scope = new ToggleGroup();
        RadioButton here = new RadioButton();
        here.setId("search-scope-here");
        here.setToggleGroup(scope);
        RadioButton everywhere = new RadioButton("Everything I can read");
        everywhere.setId("search-scope-all");
        everywhere.setToggleGroup(scope);
        here.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.openConversationProperty().get() instanceof Conversation.Direct ? "This direct message"
                        : "This channel", model.openConversationProperty()));
        here.disableProperty().bind(model.openConversationProperty().isNull());
        (model.everywhereProperty().get() ? everywhere : here).setSelected(true);
        scope.selectedToggleProperty().addListener((obs, old, now) -> model.everywhereProperty().set(now == everywhere));
        HBox scopes = new HBox(10, here, everywhere);

        TextField from = new TextField();
        from.setId("search-from");
        from.setPromptText("From (a name)");
        from.textProperty().bindBidirectional(model.fromProperty());
        CheckBox hasFile = new CheckBox("Has a file");
        hasFile.setId("search-has-file");
        hasFile.selectedProperty().bindBidirectional(model.hasFileProperty());
        hasFile.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(from, Priority.ALWAYS);
        HBox who = new HBox(8, from, hasFile);
        who.setAlignment(Pos.CENTER_LEFT);

        DatePicker after = datePicker("search-after", "On or after", model.onOrAfterProperty());
        DatePicker before = datePicker("search-before", "On or before", model.onOrBeforeProperty());
        HBox dates = new HBox(6, after, before);

        Label status = new Label();
        status.setId("search-status");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((obs, old, bad) ->
                status.getStyleClass().setAll("label", bad ? "error-text" : "search-status"));
        status.getStyleClass().add("search-status");

        // What was searched on this device (encrypted channels) and what was not: shown only when there is something to say.
        Label note = new Label();
        note.setId("search-note");
        note.getStyleClass().add("search-note");
        note.setWrapText(true);
        note.textProperty().bind(model.noteProperty());
        note.visibleProperty().bind(model.noteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());

        list = new ListView<>(model.results());
        list.setId("search-results");
        list.setPlaceholder(new Label("Results show here."));
        list.setCellFactory(view -> new ResultCell());
        list.setOnMouseClicked(event -> {
            if (event.getButton() == MouseButton.PRIMARY) {
                openSelected();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button more = new Button("More results");
        more.setId("search-more");
        more.setMaxWidth(Double.MAX_VALUE);
        more.visibleProperty().bind(model.hasMoreProperty());
        more.managedProperty().bind(model.hasMoreProperty());
        more.disableProperty().bind(model.busyProperty());
        more.setOnAction(event -> model.more());

        getChildren().addAll(head, query, scopes, who, dates, status, note, list, more);
        keys();
    }

    private static DatePicker datePicker(String id, String prompt, javafx.beans.property.ObjectProperty<java.time.LocalDate> value) {
        DatePicker picker = new DatePicker();
        picker.setId(id);
        picker.setPromptText(prompt);
        picker.setTooltip(new Tooltip(prompt + " this day"));
        picker.valueProperty().bindBidirectional(value);
        picker.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(picker, Priority.ALWAYS);
        return picker;
    }

    /** Enter searches from the fields and opens from the list; Up/Down walk the results; Escape closes. */
    private void keys() {
        addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                onClose.run();
                event.consume();
            } else if (event.getCode() == KeyCode.ENTER && !event.isShortcutDown()) {
                if (list.isFocused()) {
                    openSelected();
                } else if (!(event.getTarget() instanceof Button)) {
                    commitDates();
                    model.search();
                }
                if (!(event.getTarget() instanceof Button)) {
                    event.consume();
                }
            } else if ((event.getCode() == KeyCode.DOWN || event.getCode() == KeyCode.UP) && words.isFocused()
                    && !list.getItems().isEmpty()) {
                // from the words straight into the results
                int at = list.getSelectionModel().getSelectedIndex();
                int next = event.getCode() == KeyCode.DOWN ? Math.min(at + 1, list.getItems().size() - 1) : Math.max(at - 1, 0);
                list.getSelectionModel().select(next);
                list.scrollTo(next);
                list.requestFocus();
                event.consume();
            }
        });
        // Reaching the end of the list by keyboard asks for the next page, as scrolling would.
        list.getSelectionModel().selectedIndexProperty().addListener((obs, old, now) -> {
            if (now.intValue() == list.getItems().size() - 1 && model.hasMoreProperty().get()) {
                model.more();
            }
        });
    }

    /** A date typed (not picked) reaches the picker's value only on commit: searching commits it first. */
    private void commitDates() {
        lookupAll(".date-picker").forEach(node -> {
            DatePicker picker = (DatePicker) node;
            try {
                String typed = picker.getEditor().getText();
                picker.setValue(typed == null || typed.isBlank() ? null : picker.getConverter().fromString(typed));
            } catch (java.time.format.DateTimeParseException e) {
                picker.getEditor().setText(picker.getValue() == null ? "" : picker.getConverter().toString(picker.getValue()));
            }
        });
    }

    private void openSelected() {
        SearchResult chosen = list.getSelectionModel().getSelectedItem();
        if (chosen != null) {
            onOpen.accept(chosen);
        }
    }

    /** What choosing a result does: the chat jumps to it. */
    public void onOpen(Consumer<SearchResult> action) {
        this.onOpen = action;
    }

    public void onClose(Runnable action) {
        this.onClose = action;
    }

    /** Puts the caret in the words field, all of it selected, ready for a new search. */
    public void focusWords() {
        words.requestFocus();
        words.selectAll();
    }

    public SearchModel model() {
        return model;
    }

    private static final class ResultCell extends ListCell<SearchResult> {
        @Override
        protected void updateItem(SearchResult result, boolean empty) {
            super.updateItem(result, empty);
            setText(null);
            if (empty || result == null) {
                setGraphic(null);
                setId(null);
                return;
            }
            setId("search-result-" + result.message().id());
            Label where = new Label(result.where());
            where.getStyleClass().add("search-where");
            Label who = new Label(result.who());
            who.getStyleClass().add("chat-author");
            Label when = new Label(result.when());
            when.getStyleClass().add("chat-time");
            where.setMinWidth(0);
            HBox head = new HBox(8, where, who, when);
            head.setAlignment(Pos.BASELINE_LEFT);
            TextFlow snippet = new TextFlow();
            snippet.getStyleClass().add("search-snippet");
            for (Snippets.Run run : result.snippet()) {
                Text piece = new Text(run.text());
                piece.getStyleClass().add(run.hit() ? "search-hit-text" : "chat-text-run");
                snippet.getChildren().add(piece);
            }
            // wrap inside the panel's width, never widen it
            snippet.prefWidthProperty().bind(widthProperty().subtract(24));
            VBox box = new VBox(2, head, snippet);
            setGraphic(box);
        }
    }
}
