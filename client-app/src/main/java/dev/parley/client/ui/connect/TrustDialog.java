package dev.parley.client.ui.connect;

import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.ui.fx.UiThread;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/**
 * Asks the user whether to trust a room seen for the first time, showing the fingerprint to compare
 * with what the host's Parley shows. The core asks on its event thread; the dialog runs on the FX
 * thread and answers the core when the user has decided. Thread-safe.
 */
public final class TrustDialog implements FingerprintDecision {
    private final UiThread ui;

    public TrustDialog(UiThread ui) {
        this.ui = ui;
    }

    @Override
    public CompletionStage<Boolean> trust(FirstContact contact) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        ui.run(() -> {
            ButtonType trust = new ButtonType("Trust this room", ButtonBar.ButtonData.OK_DONE);
            ButtonType cancel = new ButtonType("Don't connect", ButtonBar.ButtonData.CANCEL_CLOSE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", trust, cancel);
            alert.setTitle("New room");
            alert.setHeaderText("First visit to " + contact.server());
            alert.setContentText("Ask the host which fingerprint their Parley shows. Connect only if it is exactly:\n\n"
                    + contact.fingerprint() + "\n\nParley remembers your answer and warns you if it ever changes.");
            alert.getDialogPane().setId("trust-dialog");
            answer.complete(alert.showAndWait().filter(trust::equals).isPresent());
        });
        return answer;
    }
}
