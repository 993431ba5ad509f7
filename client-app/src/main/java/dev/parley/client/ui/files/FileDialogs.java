package dev.parley.client.ui.files;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where the person picks files to send and where to save one; tests answer without a native dialog. */
public interface FileDialogs {
    List<Path> chooseFilesToSend(Window owner);

    Optional<Path> chooseSaveTarget(Window owner, String suggestedName);

    /** The platform's file dialogs. */
    static FileDialogs system() {
        return new FileDialogs() {
            @Override
            public List<Path> chooseFilesToSend(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Send files");
                List<File> files = chooser.showOpenMultipleDialog(owner);
                return files == null ? List.of() : files.stream().map(File::toPath).toList();
            }

            @Override
            public Optional<Path> chooseSaveTarget(Window owner, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Save as");
                chooser.setInitialFileName(suggestedName);
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }
        };
    }
}
