package dev.parley.client.ui.export;

import dev.parley.client.core.export.ExportCancelled;
import dev.parley.client.core.export.ExportJob;
import dev.parley.client.core.export.ExportNames;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.platform.SafeFileNames;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Export conversation…": pick a format (HTML, Markdown, JSON) and whether to include the files, choose
 * where to save, then watch the export's progress with a Cancel button, and read what it did. The export
 * itself ({@link ExportJob}) runs on a thread of its own, never the FX thread. The window lives on the
 * UI thread; the export thread reaches it only through {@link UiThread#run}.
 */
public final class ExportWindow {
    /** What each message becomes in the export (opened, in an end-to-end encrypted channel). */
    private final java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage> reader;
    private final Stage stage = new Stage();
    private final ControlClient client;
    private final UiThread ui;
    private final ExportDialogs dialogs;
    private final Conversation conversation;
    private final String title;
    /** Asked on the export thread. */
    private final Supplier<String> roomName;
    /** Asked on the export thread. */
    private final Supplier<String> selfName;
    private final ToggleGroup formats = new ToggleGroup();
    private final CheckBox includeFiles = new CheckBox("Include files (images and attachments)");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label();
    private final Button start = new Button("Choose file and export…");
    private final Button cancel = new Button("Cancel");
    /** UI thread only: the export under way, null when none. */
    private ExportJob running;

    ExportWindow(Window owner, ControlClient client, UiThread ui, ExportDialogs dialogs, Conversation conversation, String title,
                 Supplier<String> roomName, Supplier<String> selfName,
                 java.util.function.UnaryOperator<dev.parley.protocol.control.model.ChatMessage> reader) {
        this.reader = reader;
        this.client = client;
        this.ui = ui;
        this.dialogs = dialogs;
        this.conversation = conversation;
        this.title = title;
        this.roomName = roomName;
        this.selfName = selfName;
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Export " + title);
        Label heading = new Label("Export " + title);
        heading.getStyleClass().add("section-title");
        Label explain = new Label("Everything in this conversation you may read, oldest first.");
        explain.setWrapText(true);
        HBox formatRow = new HBox(12);
        for (ExportNames.Format format : new ExportNames.Format[] {ExportNames.Format.HTML, ExportNames.Format.MARKDOWN,
                ExportNames.Format.JSON}) {
            RadioButton choice = new RadioButton(label(format));
            choice.setId("export-format-" + format.name().toLowerCase(Locale.ROOT));
            choice.setUserData(format);
            choice.setToggleGroup(formats);
            formatRow.getChildren().add(choice);
        }
        formats.selectToggle(formats.getToggles().get(0));
        includeFiles.setId("export-include-files");
        includeFiles.setSelected(true);
        progress.setId("export-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setVisible(false);
        status.setId("export-status");
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        start.setId("export-start");
        start.setDefaultButton(true);
        start.setOnAction(event -> chooseAndStart());
        cancel.setId("export-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(event -> cancelOrClose());
        stage.setOnCloseRequest(event -> {
            if (running != null) {
                running.cancel();
            }
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, cancel, start);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        VBox root = new VBox(10, heading, explain, new Label("Format"), formatRow, includeFiles, progress, status, buttons);
        root.setId("export-window");
        root.setPadding(new Insets(14));
        root.setPrefWidth(460);
        Scene scene = new Scene(root);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
    }

    static String label(ExportNames.Format format) {
        return switch (format) {
            case HTML -> "HTML page";
            case MARKDOWN -> "Markdown";
            case JSON -> "JSON";
        };
    }

    void show() {
        stage.show();
        stage.toFront();
    }

    Stage stage() {
        return stage;
    }

    private ExportNames.Format format() {
        return (ExportNames.Format) formats.getSelectedToggle().getUserData();
    }

    private void chooseAndStart() {
        ExportNames.Format format = format();
        dialogs.chooseTarget(stage, SafeFileNames.slug(title, "conversation"), format).ifPresent(this::start);
    }

    private void start(Path target) {
        boolean files = includeFiles.isSelected();
        ExportJob job = new ExportJob(client, Clock.systemUTC(), reader);
        running = job;
        setBusy(true);
        status.setText("Reading messages…");
        Thread worker = new Thread(() -> {
            try {
                ExportJob.Result result = job.run(conversation, title, roomName.get(), selfName.get(), target, files,
                        step -> ui.run(() -> showProgress(step)));
                ui.run(() -> finished(job, done(result, files, target), false));
            } catch (ExportCancelled e) {
                ui.run(() -> finished(job, "Export cancelled: nothing was written.", true));
            } catch (RuntimeException e) {
                ui.run(() -> finished(job, "Could not export " + title + ": " + words(e), true));
            }
        }, "parley-export");
        worker.setDaemon(true);
        worker.start();
    }

    private void showProgress(ExportJob.Progress step) {
        if (running == null) {
            return;
        }
        NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        switch (step.phase()) {
            case MESSAGES -> {
                progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
                status.setText("Reading messages… " + numbers.format(step.done()));
            }
            case FILES -> {
                progress.setProgress(step.total() == 0 ? 1 : (double) step.done() / step.total());
                status.setText("Saving files… " + numbers.format(step.done()) + " of " + numbers.format(step.total()));
            }
            case WRITING -> {
                progress.setProgress(1);
                status.setText("Writing the export…");
            }
        }
    }

    static String done(ExportJob.Result result, boolean files, Path target) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        String where = result.written().size() == 1 ? result.written().get(0).toString() : target.toString();
        StringBuilder text = new StringBuilder("Exported ").append(numbers.format(result.messages()))
                .append(result.messages() == 1 ? " message" : " messages");
        if (files) {
            text.append(" and ").append(numbers.format(result.files())).append(result.files() == 1 ? " file" : " files");
        }
        text.append(" to ").append(where).append('.');
        if (!result.problems().isEmpty()) {
            text.append(' ').append(result.problems().size()).append(result.problems().size() == 1 ? " file" : " files")
                    .append(" could not be included: ").append(result.problems().stream()
                            .map(problem -> problem.fileName() + " (" + problem.reason() + ")")
                            .collect(Collectors.joining("; "))).append('.');
        }
        return text.toString();
    }

    private void finished(ExportJob job, String message, boolean failed) {
        if (running != job) {
            return;
        }
        running = null;
        setBusy(false);
        progress.setVisible(!failed);
        progress.setProgress(failed ? 0 : 1);
        status.setText(message);
        status.getStyleClass().removeAll("error-text", "success-text");
        status.getStyleClass().add(failed ? "error-text" : "success-text");
        cancel.setText("Close");
        start.setText("Export again…");
    }

    private void setBusy(boolean busy) {
        start.setDisable(busy);
        formats.getToggles().forEach(toggle -> ((RadioButton) toggle).setDisable(busy));
        includeFiles.setDisable(busy);
        progress.setVisible(true);
        if (busy) {
            progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
            cancel.setText("Cancel");
            status.getStyleClass().removeAll("error-text", "success-text");
        }
    }

    private void cancelOrClose() {
        if (running != null) {
            status.setText("Cancelling…");
            running.cancel();
        } else {
            stage.close();
        }
    }

    /** The reason in the person's words: the exception's own message, without a class name in front. */
    private static String words(RuntimeException e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? "an unexpected error (" + e.getClass().getSimpleName() + ")" : message;
    }
}
