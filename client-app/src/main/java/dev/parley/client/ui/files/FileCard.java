package dev.parley.client.ui.files;

import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import dev.parley.protocol.e2e.SealedFile;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * How a message's file looks in the chat: an image as its thumbnail (click for full size), any other
 * file as its name and size with "Save as…" and "Open"; a file of an end-to-end encrypted channel as its
 * opened name. Built per list cell; UI thread only.
 */
public final class FileCard {
    /** Names of images JavaFX can show: an opened sealed file named so gets a "Show" button. */
    private static final java.util.regex.Pattern IMAGE_NAME =
            java.util.regex.Pattern.compile("(?i).+\\.(png|jpe?g|gif|bmp)");
    private FileCard() {
    }

    public static Node of(ChatMessage message, ChatFiles files, FileDialogs dialogs, Consumer<String> openLink) {
        FileInfo file = message.file();
        FileSealing.Shown shown = files.show(message);
        if (shown.sealed()) {
            return sealed(message, shown, files, dialogs, openLink);
        }
        return file.thumbnail() ? image(message, files, openLink) : document(message, files, dialogs, openLink);
    }

    /**
     * A file of an end-to-end encrypted channel: its opened name and size (the room made no thumbnail, it cannot
     * see pixels), "Show" for an image once opened here; a placeholder without Save or Open when it won't open.
     */
    private static Node sealed(ChatMessage message, FileSealing.Shown shown, ChatFiles files, FileDialogs dialogs,
                               Consumer<String> openLink) {
        Label icon = new Label("🔒");
        icon.getStyleClass().add("file-icon");
        Label name = new Label(shown.name());
        name.setId("file-name-" + message.id());
        name.getStyleClass().add(shown.placeholder() ? "sealed-placeholder" : "file-name");
        Label details = new Label(size(SealedFile.plainSize(message.file().size())) + " · end-to-end encrypted");
        details.getStyleClass().add("chat-time");
        VBox text = new VBox(2, name, details);
        text.setMinWidth(0);
        HBox card = new HBox(8, icon, text);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().add("file-card");
        if (shown.placeholder()) {
            return card;
        }
        if (IMAGE_NAME.matcher(shown.name()).matches()) {
            Button show = new Button("Show");
            show.setId("file-show-" + message.id());
            show.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            show.setOnAction(event -> files.fetch(message).thenAccept(path -> showOpened(shown.name(), path)));
            card.getChildren().add(show);
        }
        card.getChildren().addAll(saveButton(message, files, dialogs, ChatFiles.safeName(shown.name())),
                openButton(message, files, openLink));
        return card;
    }

    private static Button saveButton(ChatMessage message, ChatFiles files, FileDialogs dialogs, String suggestedName) {
        Button save = new Button("Save as…");
        save.setId("file-save-" + message.id());
        save.setOnAction(event -> dialogs.chooseSaveTarget(save.getScene().getWindow(), suggestedName)
                .ifPresent(target -> files.saveAs(message, target)));
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return save;
    }

    private static Button openButton(ChatMessage message, ChatFiles files, Consumer<String> openLink) {
        Button open = new Button("Open");
        open.setId("file-open-" + message.id());
        open.setOnAction(event -> files.fetch(message).thenAccept(path -> openLink.accept(path.toUri().toString())));
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return open;
    }

    /** An opened image, decoded here (never by the room); a file that is no image shows as an empty window. */
    private static void showOpened(String title, java.nio.file.Path path) {
        javafx.scene.image.Image image = new javafx.scene.image.Image(path.toUri().toString());
        ImageView full = new ImageView(image);
        full.setId("file-opened-image");
        full.setPreserveRatio(true);
        Stage stage = new Stage();
        stage.setTitle(title);
        stage.setScene(new Scene(new ScrollPane(full), Math.min(1200, Math.max(200, image.getWidth() + 20)),
                Math.min(800, Math.max(150, image.getHeight() + 20))));
        stage.show();
    }

    private static Node image(ChatMessage message, ChatFiles files, Consumer<String> openLink) {
        FileInfo file = message.file();
        ImageView view = new ImageView();
        view.setId("file-thumb-" + message.id());
        view.getStyleClass().add("file-thumb");
        view.setPreserveRatio(true);
        view.setFitWidth(Math.min(320, file.width()));
        view.setFitHeight(Math.min(240, file.height()));
        view.setCursor(Cursor.HAND);
        Label caption = new Label(file.name() + " · " + size(file.size()) + " · " + file.width() + "×" + file.height());
        caption.getStyleClass().add("chat-time");
        files.thumbnail(message).thenAccept(view::setImage);
        view.setOnMouseClicked(event -> files.fetch(message).thenAccept(path -> showFullSize(file, path.toUri().toString())));
        return new VBox(2, view, caption);
    }

    private static Node document(ChatMessage message, ChatFiles files, FileDialogs dialogs, Consumer<String> openLink) {
        FileInfo file = message.file();
        Label icon = new Label("📄");
        icon.getStyleClass().add("file-icon");
        Label name = new Label(file.name());
        name.setId("file-name-" + message.id());
        name.getStyleClass().add("file-name");
        Label details = new Label(size(file.size()) + " · " + file.mediaType());
        details.getStyleClass().add("chat-time");
        Button save = saveButton(message, files, dialogs, ChatFiles.safeName(file.name()));
        Button open = openButton(message, files, openLink);
        VBox text = new VBox(2, name, details);
        text.setMinWidth(0);
        HBox card = new HBox(8, icon, text, save, open);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().add("file-card");
        return card;
    }

    private static void showFullSize(FileInfo file, String uri) {
        ImageView full = new ImageView(new javafx.scene.image.Image(uri));
        full.setPreserveRatio(true);
        Stage stage = new Stage();
        stage.setTitle(file.name());
        stage.setScene(new Scene(new ScrollPane(full), Math.min(1200, file.width() + 20), Math.min(800, file.height() + 20)));
        stage.show();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
