package dev.parley.client.ui.notify;

/** Where a notification is shown. The choice is pure so it is testable without AWT or JavaFX. */
public enum NotificationChannel {
    /** AWT {@code SystemTray} balloon / OS notification centre. */
    SYSTEM_TRAY,
    /** {@code notify-send} (libnotify) on Linux desktops without a usable tray. */
    NOTIFY_SEND,
    /** The in-app toast in the screen's corner. */
    IN_APP_TOAST;

    /**
     * While the window has focus the in-app toast is enough (and unobtrusive); an unfocused window's
     * toast may be hidden behind other windows, so then the OS is asked, best mechanism first.
     */
    public static NotificationChannel choose(boolean windowFocused, DesktopCapabilities capabilities) {
        if (windowFocused) {
            return IN_APP_TOAST;
        }
        // On Linux the freedesktop notification service is what desktops show; GNOME reports an AWT
        // tray as supported yet never displays its messages, so notify-send goes first there.
        if (capabilities.linux() && capabilities.notifySendOnPath()) {
            return NOTIFY_SEND;
        }
        if (capabilities.traySupported()) {
            return SYSTEM_TRAY;
        }
        return IN_APP_TOAST;
    }
}
