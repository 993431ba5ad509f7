package dev.parley.client.ui.files;

import java.io.File;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The ways a file gets into the chat: the attach button, dropping files on the chat, pasting an image
 * (or copied files) into the message box; and the transfers under way, each with a progress bar and
 * a cancel button. UI thread only.
 */
public final class FileControls {
    private FileControls() {
    }

    /** The 📎 button that opens the file dialog. */
    public static Button attachButton(ChatFiles files, java.util.function.Supplier<FileDialogs> dialogs) {
        Button attach = new Button("📎");
        attach.setId("attach-button");
        attach.setTooltip(new Tooltip("Send a file (or drop it on the chat, or paste an image)"));
        attach.setOnAction(event -> {
            List<java.nio.file.Path> chosen = dialogs.get().chooseFilesToSend(attach.getScene().getWindow());
            if (!chosen.isEmpty()) {
                files.send(chosen);
            }
        });
        return attach;
    }

    /** Files dropped anywhere on {@code target} are sent. */
    public static void acceptDrops(Node target, ChatFiles files) {
        target.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        target.setOnDragDropped(event -> {
            boolean done = event.getDragboard().hasFiles();
            if (done) {
                files.send(event.getDragboard().getFiles().stream().filter(File::isFile).map(File::toPath).toList());
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    /** Ctrl+V (Cmd+V) in the message box sends a copied image or copied files; text pastes as usual. */
    public static void pasteImages(TextInputControl input, ChatFiles files) {
        input.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.V && event.isShortcutDown()) {
                Clipboard clipboard = Clipboard.getSystemClipboard();
                if (clipboard.hasImage() && !clipboard.hasString()) {
                    files.sendImage(clipboard.getImage());
                    event.consume();
                } else if (clipboard.hasFiles() && !clipboard.hasString()) {
                    files.send(clipboard.getFiles().stream().filter(File::isFile).map(File::toPath).toList());
                    event.consume();
                }
            }
        });
    }

    /** The transfers under way, one row each, and the last failure. */
    public static Node transferBar(ChatFiles files) {
        VBox rows = new VBox(2);
        rows.setId("file-transfers");
        Runnable rebuild = () -> rows.getChildren().setAll(files.transfers().stream().map(FileControls::row).toList());
        files.transfers().addListener((ListChangeListener<TransferRow>) change -> rebuild.run());
        rebuild.run();
        Label notice = new Label();
        notice.setId("file-notice");
        notice.getStyleClass().add("error-text");
        notice.setWrapText(true);
        notice.textProperty().bind(files.noticeProperty());
        notice.visibleProperty().bind(files.noticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        return new VBox(2, rows, notice);
    }

    private static Node row(TransferRow transfer) {
        Label label = new Label(transfer.label());
        ProgressBar bar = new ProgressBar();
        bar.getStyleClass().add("file-progress");
        bar.progressProperty().bind(transfer.progressProperty());
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Button cancel = new Button("Cancel");
        cancel.getStyleClass().add("flat");
        cancel.setOnAction(event -> transfer.cancel());
        HBox row = new HBox(6, label, bar, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("file-transfer");
        return row;
    }
}
