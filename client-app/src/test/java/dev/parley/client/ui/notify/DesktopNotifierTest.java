package dev.parley.client.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DesktopNotifierTest {

    @Test
    void chatTextIsNeverReadAsANotifySendOption() {
        assertThat(DesktopNotifier.notAnOption("-u critical")).isEqualTo(" -u critical");
        assertThat(DesktopNotifier.notAnOption("--icon=/etc/passwd")).isEqualTo(" --icon=/etc/passwd");
        assertThat(DesktopNotifier.notAnOption("hello -u")).isEqualTo("hello -u");
    }

    @Test
    void notifySendIsFoundOnlyAsAnExecutableInAPathDirectory(@TempDir Path temp) throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        Path bin = Files.createDirectory(temp.resolve("bin"));
        Path tool = Files.createFile(bin.resolve("notify-send"));
        String path = empty + File.pathSeparator + bin;
        assumeTrue(tool.toFile().setExecutable(true), "file system supports the executable bit");
        assertThat(DesktopCapabilities.onPath(path, "notify-send")).isTrue();
        assertThat(DesktopCapabilities.onPath(empty.toString(), "notify-send")).isFalse();
        assertThat(DesktopCapabilities.onPath(null, "notify-send")).isFalse();
        assertThat(DesktopCapabilities.onPath("", "notify-send")).isFalse();
    }

    @Test
    void onlyLinuxCountsAsLinux() {
        assertThat(new DesktopCapabilities(false, false, "Linux").linux()).isTrue();
        assertThat(new DesktopCapabilities(false, false, "Windows 10").linux()).isFalse();
        assertThat(new DesktopCapabilities(false, false, null).linux()).isFalse();
    }
}
