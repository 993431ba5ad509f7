package dev.parley.client.ui.export;

import dev.parley.client.core.export.ExportNames;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where the person saves an export; tests answer without the native dialog. */
@FunctionalInterface
public interface ExportDialogs {
    /** The file to write, or empty when the person changed their mind. */
    Optional<Path> chooseTarget(Window owner, String suggestedName, ExportNames.Format format);

    /** The platform's save dialog, offering the chosen format's extension. */
    static ExportDialogs system() {
        return (owner, suggestedName, format) -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export conversation");
            chooser.setInitialFileName(suggestedName + format.extension());
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ExportWindow.label(format),
                    "*" + format.extension()));
            return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath).map(path -> {
                // Some platforms' dialogs drop the extension when the person types a bare name.
                return ExportNames.formatOf(path) == format ? path
                        : path.resolveSibling(path.getFileName() + format.extension());
            });
        };
    }
}
