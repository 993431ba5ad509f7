package dev.parley.client.ui.notify;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Conversation;
import dev.parley.client.core.notify.NotifySettings;
import dev.parley.client.core.notify.RoomNotifySettings;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.NotifyLevel;
import dev.parley.protocol.control.model.Role;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import javafx.animation.PauseTransition;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * My notification settings for the window: what the menus check, which conversations look muted or
 * quiet, and whether a message should notify. When a mute ends the property fires again (a timer set
 * for the next end), so marks go away without a restart; decisions read the clock each time anyway.
 * UI thread only (the core's changes are handed over through {@link UiThread}).
 */
public final class NotifyViewModel implements AutoCloseable {
    private final RoomNotifySettings settings;
    private final UiThread ui;
    private final ObjectProperty<NotifySettings> current = new SimpleObjectProperty<>(NotifySettings.DEFAULTS);
    private final javafx.beans.property.LongProperty revision = new javafx.beans.property.SimpleLongProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final PauseTransition nextEnd = new PauseTransition();
    private final Subscription changes;

    public NotifyViewModel(ControlClient client, RoomState room, UiThread ui) {
        this.settings = new RoomNotifySettings(client, System::currentTimeMillis);
        this.ui = ui;
        this.changes = settings.onChanged(next -> ui.run(() -> show(next)));
        nextEnd.setOnFinished(event -> show(settings.current()));
        // The session signed in before this window existed: load once now (later sign-ins load by themselves).
        client.eventLoop().execute(() -> {
            if (room.self().isPresent()) {
                settings.refresh(room.self().get().role() == Role.GUEST);
            }
        });
    }

    /** The settings now. */
    public ReadOnlyObjectProperty<NotifySettings> settingsProperty() {
        return current;
    }

    /** Grows on every change and again whenever a mute ends: what views redraw on. */
    public javafx.beans.property.ReadOnlyLongProperty revisionProperty() {
        return revision;
    }

    /** Why a change was refused ("" when none was). */
    public StringProperty noticeProperty() {
        return notice;
    }

    public long now() {
        return settings.now();
    }

    public NotifyLevel level(Conversation conversation) {
        return current.get().level(conversation);
    }

    public OptionalLong mutedUntil(Conversation conversation) {
        return current.get().mutedUntil(conversation, now());
    }

    public boolean muted(Conversation conversation) {
        return current.get().muted(conversation, now());
    }

    /** Muted or "nothing": no toasts, and a dimmed unread count. */
    public boolean quiet(Conversation conversation) {
        return current.get().quiet(conversation, now());
    }

    /** Whether a message from someone else should notify now (mention detection is the caller's). */
    public boolean wants(ChatMessage message, long selfId, boolean mentionsMe) {
        return settings.shouldNotify(message, selfId, mentionsMe);
    }

    public void setLevel(Conversation conversation, NotifyLevel level) {
        report(settings.setLevel(conversation, level));
    }

    /** Mutes for {@code duration}, or until unmuted when null. */
    public void mute(Conversation conversation, Duration duration) {
        report(settings.mute(conversation, duration == null ? Notify.FOREVER : now() + duration.toMillis()));
    }

    public void unmute(Conversation conversation) {
        report(settings.mute(conversation, null));
    }

    private void report(CompletableFuture<NotifySettings> change) {
        notice.set("");
        change.whenComplete((done, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                ui.run(() -> notice.set("Notification setting not changed: " + cause.getMessage()));
            }
        });
    }

    private void show(NotifySettings next) {
        current.set(next);
        // Counted each time, so views redraw even when only the clock moved past a mute's end.
        revision.set(revision.get() + 1);
        nextEnd.stop();
        OptionalLong end = next.nextChange(now());
        if (end.isPresent()) {
            nextEnd.setDuration(javafx.util.Duration.millis(Math.max(1, end.getAsLong() - now() + 1)));
            nextEnd.playFromStart();
        }
    }

    @Override
    public void close() {
        nextEnd.stop();
        changes.close();
        settings.close();
    }
}
