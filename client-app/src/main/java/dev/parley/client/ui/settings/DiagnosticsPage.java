package dev.parley.client.ui.settings;

import dev.parley.client.platform.doctor.Doctor;
import dev.parley.client.platform.doctor.RoomTarget;
import dev.parley.platform.AppDirs;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Settings' "Diagnostics" page: runs {@code parley doctor} on this machine (and a room, if named) and shows
 * the report, ready to copy into a request for help. The check runs on its own daemon thread
 * ({@code parley-doctor}); everything else here is FX thread only.
 */
public final class DiagnosticsPage extends VBox {
    private final AppDirs dirs;
    private final TextField room = new TextField();
    private final Button run = new Button("Run checks");
    private final Button copy = new Button("Copy report");
    private final TextArea report = new TextArea();

    public DiagnosticsPage(AppDirs dirs) {
        super(8);
        this.dirs = dirs;
        setPadding(new Insets(4));
        room.setId("diagnostics-room");
        room.setPromptText("host:port or parley:// link (optional)");
        HBox.setHgrow(room, Priority.ALWAYS);
        run.setId("diagnostics-run");
        run.setOnAction(event -> start());
        copy.setId("diagnostics-copy");
        copy.setDisable(true);
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(report.getText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        report.setId("diagnostics-report");
        report.setEditable(false);
        report.setPrefRowCount(18);
        report.setPrefColumnCount(70);
        report.setStyle("-fx-font-family: monospace;");
        report.setPromptText("Checks sound devices, echo cancellation, folders and versions; with a room, its fingerprint, "
                + "UDP or tunnel, round trip and loss. The report holds no passwords or tokens.");
        VBox.setVgrow(report, Priority.ALWAYS);
        getChildren().addAll(new HBox(8, new Label("Room"), room, run, copy), report);
    }

    /** This user's folders, or {@code -Dparley.home}'s when set (as the app itself uses). */
    public static AppDirs defaultDirs() {
        AppDirs mine = AppDirs.forCurrentUser();
        String home = System.getProperty("parley.home");
        return home == null ? mine : new AppDirs(Path.of(home), mine.logs());
    }

    private void start() {
        Optional<RoomTarget> target;
        try {
            target = room.getText().isBlank() ? Optional.empty() : Optional.of(RoomTarget.parse(room.getText(), false));
        } catch (IllegalArgumentException e) {
            report.setText(e.getMessage());
            return;
        }
        run.setDisable(true);
        copy.setDisable(true);
        report.setText(target.isPresent() ? "Checking (about 10 seconds with a room)…" : "Checking…");
        Doctor doctor = Doctor.forThisMachine(dirs, target);
        Thread worker = new Thread(() -> {
            String text;
            try {
                text = doctor.run().render();
            } catch (RuntimeException e) {
                text = "The checks failed: " + e;
            }
            String done = text;
            Platform.runLater(() -> {
                report.setText(done);
                run.setDisable(false);
                copy.setDisable(false);
            });
        }, "parley-doctor");
        worker.setDaemon(true);
        worker.start();
    }
}
