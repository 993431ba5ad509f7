package dev.parley.client.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.model.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotificationPolicyTest {
    private static final long ME = 1;

    private static ChatMessage channelMessage(String text) {
        return new ChatMessage(7, 0, 10L, null, 2, "bob", text, null, null, false, null, List.of());
    }

    private static ChatMessage directMessage(long to) {
        return new ChatMessage(8, 0, null, to, 2, "bob", "psst", null, null, false, null, List.of());
    }

    @Test
    void aDirectMessageToMeNotifiesWhileTheWindowIsUnfocused() {
        assertThat(NotificationPolicy.shouldNotify(directMessage(ME), ME, "ann", false, true)).isTrue();
        assertThat(NotificationPolicy.title(directMessage(ME))).isEqualTo("bob (direct message)");
    }

    @Test
    void aMentionNotifiesButOrdinaryChatterDoesNot() {
        assertThat(NotificationPolicy.shouldNotify(channelMessage("@ann ready?"), ME, "ann", false, true)).isTrue();
        assertThat(NotificationPolicy.shouldNotify(channelMessage("ready?"), ME, "ann", false, true)).isFalse();
    }

    @Test
    void nothingNotifiesWhileIAmLookingOrHaveTurnedNotificationsOff() {
        assertThat(NotificationPolicy.shouldNotify(directMessage(ME), ME, "ann", true, true)).isFalse();
        assertThat(NotificationPolicy.shouldNotify(directMessage(ME), ME, "ann", false, false)).isFalse();
    }

    @Test
    void myOwnMessagesNeverNotify() {
        ChatMessage mine = new ChatMessage(9, 0, 10L, null, ME, "ann", "@ann note to self", null, null, false, null, List.of());
        assertThat(NotificationPolicy.shouldNotify(mine, ME, "ann", false, true)).isFalse();
    }

    @Test
    void withoutSettingsTheDecisionsAreThoseOfBefore() {
        dev.parley.client.core.notify.NotifySettings none = dev.parley.client.core.notify.NotifySettings.DEFAULTS;
        assertThat(NotificationPolicy.shouldNotify(directMessage(ME), ME, "ann", false, true, none, 0)).isTrue();
        assertThat(NotificationPolicy.shouldNotify(channelMessage("@ann ready?"), ME, "ann", false, true, none, 0)).isTrue();
        assertThat(NotificationPolicy.shouldNotify(channelMessage("ready?"), ME, "ann", false, true, none, 0)).isFalse();
        assertThat(NotificationPolicy.shouldNotify(directMessage(ME), ME, "ann", true, true, none, 0)).isFalse();
    }

    @Test
    void theSettingsSilenceOrWidenAChannel() {
        var nothing = dev.parley.client.core.notify.NotifySettings.of(List.of(new dev.parley.protocol.control.message.Notify.Entry(
                10L, null, dev.parley.protocol.control.model.NotifyLevel.NOTHING, null)));
        assertThat(NotificationPolicy.shouldNotify(channelMessage("@ann ready?"), ME, "ann", false, true, nothing, 0)).isFalse();
        var all = dev.parley.client.core.notify.NotifySettings.of(List.of(new dev.parley.protocol.control.message.Notify.Entry(
                10L, null, dev.parley.protocol.control.model.NotifyLevel.ALL, null)));
        assertThat(NotificationPolicy.shouldNotify(channelMessage("ready?"), ME, "ann", false, true, all, 0)).isTrue();
        assertThat(NotificationPolicy.title(channelMessage("ready?"), "ann")).isEqualTo("bob wrote in a channel");
        assertThat(NotificationPolicy.title(channelMessage("@ann ready?"), "ann")).isEqualTo("bob mentioned you");
    }
}
