package dev.parley.client.ui.notify;

import dev.parley.client.ui.fx.UiThread;
import java.awt.AWTException;
import java.awt.Color;
import java.awt.EventQueue;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a direct message or mention where the user will see it: the in-app {@link Toast} while the
 * window has focus, otherwise an OS notification (system tray, else {@code notify-send}), falling back
 * to the toast when neither works. Never blocks the JavaFX thread and never throws into it.
 *
 * <p>{@link #show} and {@link #close} on the UI thread; probing and {@code notify-send} run on the
 * background executor; the tray icon is touched only on the AWT event thread.
 */
public final class DesktopNotifier implements AutoCloseable {
    /** {@code -Dparley.noDesktopNotifications=true}: toast only (the test suite sets it). */
    public static final String DISABLE_PROPERTY = "parley.noDesktopNotifications";

    private static final Logger log = LoggerFactory.getLogger(DesktopNotifier.class);
    private static final int MAX_BODY = 140;
    private static final long NOTIFY_SEND_TIMEOUT_SECONDS = 10;

    private final Executor background;
    private final UiThread ui;
    private final Supplier<DesktopCapabilities> probe;
    private final Object lock = new Object();
    private DesktopCapabilities capabilities;
    private final AtomicBoolean trayFailureLogged = new AtomicBoolean();
    private final AtomicBoolean notifySendFailureLogged = new AtomicBoolean();
    private volatile boolean trayUsed;
    private volatile boolean closed;
    /** AWT event thread only. */
    private TrayIcon trayIcon;

    DesktopNotifier(Executor background, UiThread ui, Supplier<DesktopCapabilities> probe) {
        this.background = background;
        this.ui = ui;
        this.probe = probe;
    }

    /** A notifier that probes this machine on first use (or never, with {@link #DISABLE_PROPERTY}). */
    public static DesktopNotifier create(Executor background, UiThread ui) {
        Supplier<DesktopCapabilities> probe = Boolean.getBoolean(DISABLE_PROPERTY)
                ? () -> DesktopCapabilities.NONE : DesktopCapabilities::detect;
        return new DesktopNotifier(background, ui, probe);
    }

    /** Notifies about a message; {@code owner} is the main window (its focus decides toast vs OS). */
    public void show(Window owner, String title, String body) {
        Runnable toast = () -> {
            if (!closed && owner.isShowing()) {
                Toast.show(owner, title, body);
            }
        };
        if (closed || owner.isFocused()) {
            // NotificationChannel.choose says toast for a focused window whatever the machine offers,
            // so no probing and no hop off the UI thread.
            toast.run();
            return;
        }
        String shortBody = body.length() > MAX_BODY ? body.substring(0, MAX_BODY) + "…" : body;
        try {
            background.execute(() -> deliver(title, shortBody, toast));
        } catch (RejectedExecutionException e) {
            toast.run();
        }
    }

    private void deliver(String title, String body, Runnable toast) {
        try {
            switch (NotificationChannel.choose(false, capabilities())) {
                case SYSTEM_TRAY -> {
                    trayUsed = true;
                    EventQueue.invokeLater(() -> showInTray(title, body, toast));
                }
                case NOTIFY_SEND -> notifySend(title, body, toast);
                case IN_APP_TOAST -> ui.run(toast);
            }
        } catch (RuntimeException | LinkageError e) {
            // Thread boundary: whatever the desktop integration does, the user still gets the toast.
            log.warn("Desktop notification failed, showing it in the window instead", e);
            ui.run(toast);
        }
    }

    private DesktopCapabilities capabilities() {
        synchronized (lock) {
            if (capabilities == null) {
                capabilities = probe.get();
                log.info("Desktop notifications via {} (tray: {}, notify-send: {}, os: {})",
                        NotificationChannel.choose(false, capabilities), capabilities.traySupported(),
                        capabilities.notifySendOnPath(), capabilities.osName());
            }
            return capabilities;
        }
    }

    /** After a mechanism proved broken, later notifications skip it instead of failing again. */
    private void downgrade(boolean tray, boolean notifySend) {
        synchronized (lock) {
            capabilities = new DesktopCapabilities(capabilities.traySupported() && tray,
                    capabilities.notifySendOnPath() && notifySend, capabilities.osName());
        }
    }

    private void showInTray(String title, String body, Runnable toast) {
        if (closed) {
            return;
        }
        try {
            if (trayIcon == null) {
                TrayIcon icon = new TrayIcon(trayImage(), "Parley");
                icon.setImageAutoSize(true);
                SystemTray.getSystemTray().add(icon);
                trayIcon = icon;
            }
            trayIcon.displayMessage(title, body, TrayIcon.MessageType.INFO);
        } catch (AWTException | RuntimeException e) {
            if (!trayFailureLogged.getAndSet(true)) {
                log.warn("System tray notification failed, not using the tray any more: {}", e.toString());
            }
            downgrade(false, true);
            ui.run(toast);
        }
    }

    private void notifySend(String title, String body, Runnable toast) {
        List<String> command = notifySendCommand(title, body);
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            logNotifySendFailure("could not start: " + e.getMessage());
            downgrade(true, false);
            ui.run(toast);
            return;
        }
        process.onExit().orTimeout(NOTIFY_SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((done, timeout) -> {
            if (timeout != null) {
                process.destroyForcibly();
                logNotifySendFailure("no answer within " + NOTIFY_SEND_TIMEOUT_SECONDS + " s");
            } else if (done.exitValue() != 0) {
                // Typically no notification daemon on the session bus: the toast is all we can do.
                logNotifySendFailure("exit code " + done.exitValue());
                ui.run(toast);
            }
        });
    }

    private void logNotifySendFailure(String why) {
        if (!notifySendFailureLogged.getAndSet(true)) {
            log.warn("notify-send failed ({}); showing notifications in the window when it does", why);
        } else {
            log.debug("notify-send failed again ({})", why);
        }
    }

    /**
     * The notify-send command line. Notification daemons read the body as markup (the spec's
     * {@code <b>}, {@code <i>}, {@code <a href>}, {@code <img src>}), so chat text is escaped first: a
     * message must show as written, not hide text, restyle itself or load an image.
     */
    static List<String> notifySendCommand(String title, String body) {
        return List.of("notify-send", "--app-name=Parley", notAnOption(title), notAnOption(escapeMarkup(body)));
    }

    /** {@code <}, {@code >} and {@code &} as entities, so notification markup shows them literally. */
    static String escapeMarkup(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Chat text must not be read as a notify-send option ("-u critical", "--icon=..."). */
    static String notAnOption(String argument) {
        return argument.startsWith("-") ? " " + argument : argument;
    }

    private static BufferedImage trayImage() {
        BufferedImage image = new BufferedImage(32, 32, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(0x2f, 0x81, 0xf7));
            g.fillOval(2, 2, 28, 28);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Removes the tray icon (an AWT tray icon would otherwise keep the JVM alive after quit). */
    @Override
    public void close() {
        closed = true;
        if (trayUsed) {
            EventQueue.invokeLater(() -> {
                if (trayIcon != null) {
                    SystemTray.getSystemTray().remove(trayIcon);
                    trayIcon = null;
                }
            });
        }
    }
}
