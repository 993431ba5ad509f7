package dev.parley.client.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 11 item 10: chat text reached notify-send as markup. */
class NotifySendMarkupTest {

    @Test
    void chatTextIsEscapedForTheNotificationDaemonsMarkup() {
        String body = "<b>URGENT</b> <a href=\"http://evil.example\">bank</a> <img src=\"file:///etc/x\"/> & more";

        assertThat(DesktopNotifier.notifySendCommand("bob", body)).containsExactly("notify-send", "--app-name=Parley",
                "bob", "&lt;b&gt;URGENT&lt;/b&gt; &lt;a href=\"http://evil.example\"&gt;bank&lt;/a&gt; "
                        + "&lt;img src=\"file:///etc/x\"/&gt; &amp; more");
    }

    @Test
    void anAlreadyEscapedEntityIsShownAsWrittenNotDecoded() {
        assertThat(DesktopNotifier.escapeMarkup("&lt;3")).isEqualTo("&amp;lt;3");
    }

    @Test
    void escapedTextThatStartsWithADashIsStillNotAnOption() {
        assertThat(DesktopNotifier.notifySendCommand("-u critical", "-i x")).containsExactly("notify-send",
                "--app-name=Parley", " -u critical", " -i x");
    }
}
