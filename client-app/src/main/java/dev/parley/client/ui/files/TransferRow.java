package dev.parley.client.ui.files;

import dev.parley.client.core.files.Transfer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/** One upload or download shown with a progress bar and a cancel button. UI thread only. */
public final class TransferRow {
    private final String label;
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final Transfer<?> transfer;

    TransferRow(String label, Transfer<?> transfer) {
        this.label = label;
        this.transfer = transfer;
    }

    /** "Sending map.png", "Saving notes.pdf". */
    public String label() {
        return label;
    }

    /** 0..1. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    public void cancel() {
        transfer.cancel();
    }
}
