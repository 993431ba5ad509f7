package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each OS simulated by its os.name, its environment and its home folder. */
class AppDirsTest {

    @Test
    void windowsKeepsDataInRoamingAppDataAndLogsInLocalAppData() {
        AppDirs dirs = AppDirs.of("Windows 11", Map.of(
                "APPDATA", "C:\\Users\\ann\\AppData\\Roaming",
                "LOCALAPPDATA", "C:\\Users\\ann\\AppData\\Local")::get, "C:\\Users\\ann");
        assertThat(dirs.data()).isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Roaming", "Parley"));
        assertThat(dirs.logs()).isEqualTo(Path.of("C:\\Users\\ann\\AppData\\Local", "Parley", "Logs"));
        assertThat(dirs.serverDir()).isEqualTo(dirs.data().resolve("server"));
    }

    @Test
    void windowsWithoutTheVariablesFallsBackToTheProfileFolders() {
        AppDirs dirs = AppDirs.of("Windows 10", Map.of("APPDATA", " ")::get, "/home-of-ann");
        assertThat(dirs.data()).isEqualTo(Path.of("/home-of-ann", "AppData", "Roaming", "Parley"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/home-of-ann", "AppData", "Local", "Parley", "Logs"));
    }

    @Test
    void macosUsesApplicationSupportAndLibraryLogs() {
        AppDirs dirs = AppDirs.of("Mac OS X", Map.of("XDG_DATA_HOME", "/ignored/on/mac")::get, "/Users/ann");
        assertThat(dirs.data()).isEqualTo(Path.of("/Users/ann/Library/Application Support/Parley"));
        assertThat(dirs.logs()).isEqualTo(Path.of("/Users/ann/Library/Logs/Parley"));
    }

    @Test
    void linuxFollowsXdgAndIgnoresRelativeValuesAsTheSpecSays() {
        AppDirs xdg = AppDirs.of("Linux", Map.of("XDG_DATA_HOME", "/data/ann", "XDG_STATE_HOME", "/state/ann")::get, "/home/ann");
        assertThat(xdg.data()).isEqualTo(Path.of("/data/ann/parley"));
        assertThat(xdg.logs()).isEqualTo(Path.of("/state/ann/parley/logs"));

        AppDirs relative = AppDirs.of("Linux", Map.of("XDG_DATA_HOME", "rel/data", "XDG_STATE_HOME", "")::get, "/home/ann");
        assertThat(relative.data()).isEqualTo(Path.of("/home/ann/.local/share/parley"));
        assertThat(relative.logs()).isEqualTo(Path.of("/home/ann/.local/state/parley/logs"));
    }

    @Test
    void noHomeIsAClearError() {
        assertThatThrownBy(() -> AppDirs.of("Linux", name -> null, null)).hasMessageContaining("user.home");
    }

    @Test
    void everyFolderNameParleyAddsIsPortable() {
        for (String os : new String[] {"Windows 11", "Mac OS X", "Linux"}) {
            AppDirs dirs = AppDirs.of(os, name -> null, "/home/ann");
            for (Path path : new Path[] {dirs.data(), dirs.logs(), dirs.serverDir()}) {
                for (Path part : Path.of("/home/ann").relativize(path)) {
                    assertThat(SafeFileNames.isPortable(part.toString())).as(os + ": " + part).isTrue();
                }
            }
        }
    }
}
