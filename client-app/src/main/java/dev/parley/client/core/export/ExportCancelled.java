package dev.parley.client.core.export;

/** The person stopped the export; nothing was written (files saved so far are removed again). */
public final class ExportCancelled extends ExportException {
    public ExportCancelled() {
        super("Export cancelled.");
    }
}
