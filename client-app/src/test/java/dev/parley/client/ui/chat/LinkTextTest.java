package dev.parley.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11 item 10: bidi characters survived in link text. */
class LinkTextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202E, 0x202D, 0x202A, 0x202B, 0x202C, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
        0x061C, 0x200B, 0x200D, 0x2060, 0xFEFF, 0x00AD})
    void aLinkShowsAndOpensNoBidiOrInvisibleControls(int control) {
        String url = "https://evil.example/" + new String(Character.toChars(control)) + "gpj.exe";

        assertThat(LinkText.withoutInvisibleControls(url)).isEqualTo("https://evil.example/gpj.exe");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"https://example.org/a?b=c&d=é#x", "https://例え.jp/パス", "http://127.0.0.1:7720/"})
    void ordinaryLinksAreUntouched(String url) {
        assertThat(LinkText.withoutInvisibleControls(url)).isEqualTo(url);
    }
}
