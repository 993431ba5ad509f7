package dev.parley.client.ui.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.platform.SafeFileNames;
import org.junit.jupiter.api.Test;

/** A hosted room's folder is named after the room: the name must be one Windows accepts too. */
class RoomFolderNameTest {

    @Test
    void aRoomNamedAfterAWindowsDeviceGetsAFolderWindowsCanCreate() {
        // Before: "con", which Windows opens as the console instead of creating a folder.
        assertThat(HostViewModel.folderName("Con")).isEqualTo("con-room");
        assertThat(HostViewModel.folderName("AUX")).isEqualTo("aux-room");
    }

    @Test
    void everyRoomNameGivesAPortableFolderName() {
        for (String name : new String[] {"Friday: LAN", "lpt1", "a".repeat(200), "...", "Räume 2"}) {
            assertThat(SafeFileNames.isPortable(HostViewModel.folderName(name))).as(name).isTrue();
        }
        assertThat(HostViewModel.folderName("a".repeat(200))).hasSizeLessThanOrEqualTo(SafeFileNames.MAX_LENGTH);
    }
}
