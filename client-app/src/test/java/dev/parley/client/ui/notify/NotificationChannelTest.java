package dev.parley.client.ui.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationChannelTest {
    private static final DesktopCapabilities EVERYTHING_ON_LINUX = new DesktopCapabilities(true, true, "Linux");

    @Test
    void aFocusedWindowKeepsTheInAppToastWhateverTheMachineOffers() {
        assertThat(NotificationChannel.choose(true, EVERYTHING_ON_LINUX)).isEqualTo(NotificationChannel.IN_APP_TOAST);
    }

    @Test
    void anUnfocusedWindowOnLinuxPrefersTheDesktopsNotificationService() {
        assertThat(NotificationChannel.choose(false, EVERYTHING_ON_LINUX)).isEqualTo(NotificationChannel.NOTIFY_SEND);
    }

    @Test
    void elsewhereAnUnfocusedWindowUsesTheSystemTray() {
        assertThat(NotificationChannel.choose(false, new DesktopCapabilities(true, false, "Windows 11")))
                .isEqualTo(NotificationChannel.SYSTEM_TRAY);
    }

    @Test
    void linuxWithoutNotifySendUsesTheTray() {
        assertThat(NotificationChannel.choose(false, new DesktopCapabilities(true, false, "Linux")))
                .isEqualTo(NotificationChannel.SYSTEM_TRAY);
    }

    @Test
    void withoutATrayLinuxFallsBackToNotifySend() {
        assertThat(NotificationChannel.choose(false, new DesktopCapabilities(false, true, "Linux")))
                .isEqualTo(NotificationChannel.NOTIFY_SEND);
    }

    @Test
    void notifySendIsOnlyUsedOnLinux() {
        assertThat(NotificationChannel.choose(false, new DesktopCapabilities(false, true, "Mac OS X")))
                .isEqualTo(NotificationChannel.IN_APP_TOAST);
    }

    @Test
    void withNeitherTrayNorNotifySendTheToastRemains() {
        assertThat(NotificationChannel.choose(false, new DesktopCapabilities(false, false, "Linux")))
                .isEqualTo(NotificationChannel.IN_APP_TOAST);
        assertThat(NotificationChannel.choose(false, DesktopCapabilities.NONE)).isEqualTo(NotificationChannel.IN_APP_TOAST);
    }
}
