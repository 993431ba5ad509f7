package dev.parley.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.control.message.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DisplayNameTest {
    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202E, 0x202A, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C, 0x200B, 0x200C,
        0x200D, 0x2060, 0xFEFF, 0x00AD, 0xE0041, 0x3164, 0x115F, 0xFFA0, 0x2800, 0x034F, 0xFE00, 0x00A0, 0x2003,
        0x3000, 0x2028, 0x2029, 0xE000, 0x0378})
    void aNicknameWithAnInvisibleOrFormattingCharacterIsRefused(int codePoint) {
        String nickname = "bo" + new String(Character.toChars(codePoint)) + "b";

        assertThatThrownBy(() -> new Session.GuestJoin(nickname, null))
                .isInstanceOf(ProtocolException.class)
                .hasMessageStartingWith("nickname:");
    }

    @Test
    void aNicknameIsKeptInNormalFormC() {
        assertThat(new Session.GuestJoin("Zoe\u0301", null).nickname()).isEqualTo("Zo\u00e9");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Zoé", "Борис", "山田", "Ann Marie", "Kim ❤️", "O'Brien"})
    void ordinaryNicknamesPass(String nickname) {
        assertThat(new Session.GuestJoin(nickname, null).nickname()).isEqualTo(nickname);
    }
}
