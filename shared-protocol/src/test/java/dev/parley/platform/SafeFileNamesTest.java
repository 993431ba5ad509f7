package dev.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNamesTest {

    @Test
    void windowsDeviceNamesAreNotPortableEvenWithAnExtension() {
        for (String name : new String[] {"CON", "con", "nul.txt", "Aux", "com1", "LPT9.log", "prn.tar.gz", "com¹"}) {
            assertThat(SafeFileNames.isPortable(name)).as(name).isFalse();
        }
        assertThat(SafeFileNames.isPortable("console")).isTrue();
        assertThat(SafeFileNames.isPortable("com10")).isTrue();
    }

    @Test
    void reservedCharactersAndTrailingDotsOrSpacesAreNotPortable() {
        for (String name : new String[] {"a:b", "host:7720", "what?", "a*b", "a<b", "a|b", "a\"b", "a\\b", "a/b",
                "tab\there", "dot.", "space ", "", ".", ".."}) {
            assertThat(SafeFileNames.isPortable(name)).as(name).isFalse();
        }
        assertThat(SafeFileNames.isPortable("known-servers.json")).isTrue();
        assertThat(SafeFileNames.isPortable("parley.mv.db")).isTrue();
    }

    @Test
    void slugsOfRoomNamesArePortable() {
        assertThat(SafeFileNames.slug("Friday LAN: Quake!", "room")).isEqualTo("friday-lan-quake");
        assertThat(SafeFileNames.slug("Con", "room")).isEqualTo("con-room");
        assertThat(SafeFileNames.slug("NUL", "room")).isEqualTo("nul-room");
        assertThat(SafeFileNames.slug("???", "room")).isEqualTo("room");
        assertThat(SafeFileNames.slug(null, "room")).isEqualTo("room");
        assertThat(SafeFileNames.slug("Ünïcödé Räume", "room")).isEqualTo("ünïcödé-räume");
        String longName = "x".repeat(63) + "\uD83D\uDE00".repeat(3) + "𝔸".repeat(10);
        String slug = SafeFileNames.slug(longName, "room");
        assertThat(slug.length()).isLessThanOrEqualTo(SafeFileNames.MAX_LENGTH);
        assertThat(Character.isHighSurrogate(slug.charAt(slug.length() - 1))).isFalse();
        for (String name : new String[] {"Con", "a:b", "x".repeat(300), "COM1 ", " lpt2."}) {
            assertThat(SafeFileNames.isPortable(SafeFileNames.slug(name, "room"))).as(name).isTrue();
        }
    }
}
