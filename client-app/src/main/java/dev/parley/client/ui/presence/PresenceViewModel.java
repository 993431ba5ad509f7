package dev.parley.client.ui.presence;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.Presence;
import java.time.Duration;
import java.util.function.LongSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * My presence: what I chose (online, away, busy, invisible) and automatic away after idle time.
 * Auto-away only ever replaces "online", and activity brings back "online" only when the away was
 * automatic, so a busy or invisible user stays as they chose. UI thread only.
 */
public final class PresenceViewModel {
    /** Presences a user may choose (offline is what others see of invisible). */
    public static final Presence[] CHOICES = {Presence.ONLINE, Presence.AWAY, Presence.BUSY, Presence.INVISIBLE};

    private final ControlClient client;
    private final UiThread ui;
    private final LongSupplier clockMillis;
    private final ObjectProperty<Presence> presence = new SimpleObjectProperty<>(Presence.ONLINE);
    /** What the user picked last (never an automatic away): the app carries it into the next session. */
    private final ObjectProperty<Presence> chosen = new SimpleObjectProperty<>(Presence.ONLINE);
    private final StringProperty notice = new SimpleStringProperty("");
    private Duration awayAfter;
    private long lastActivity;
    private boolean autoAway;

    /** @param awayAfter idle time before going away by itself; zero turns auto-away off */
    public PresenceViewModel(ControlClient client, UiThread ui, Duration awayAfter, LongSupplier clockMillis) {
        this.client = client;
        this.ui = ui;
        this.clockMillis = clockMillis;
        this.awayAfter = awayAfter;
        this.lastActivity = clockMillis.getAsLong();
    }

    /** What I look like to myself (others see invisible as offline). */
    public ObjectProperty<Presence> presenceProperty() {
        return presence;
    }

    /** Why the last change was refused; empty when it was not. */
    public StringProperty noticeProperty() {
        return notice;
    }

    /** Whether the current "away" was set by idleness (activity ends it). */
    public boolean autoAway() {
        return autoAway;
    }

    /** The user picked a presence (or the app brings back the one they picked in an earlier session). */
    public void choose(Presence choice) {
        autoAway = false;
        chosen.set(choice);
        send(choice, false);
    }

    /** The presence the user picked last; online until they pick another. */
    public javafx.beans.property.ReadOnlyObjectProperty<Presence> chosenProperty() {
        return chosen;
    }

    public Duration awayAfter() {
        return awayAfter;
    }

    public void setAwayAfter(Duration value) {
        awayAfter = value;
    }

    /** The user moved the mouse or typed: back online if idleness had made me away. */
    public void activity() {
        lastActivity = clockMillis.getAsLong();
        if (autoAway && presence.get() == Presence.AWAY) {
            autoAway = false;
            send(Presence.ONLINE, true);
        }
    }

    /** Called now and then: goes away once the user has been idle for the configured time. */
    public void checkIdle() {
        if (awayAfter.isZero() || presence.get() != Presence.ONLINE) {
            return;
        }
        if (clockMillis.getAsLong() - lastActivity >= awayAfter.toMillis()) {
            autoAway = true;
            send(Presence.AWAY, true);
        }
    }

    /**
     * @param automatic set by idleness or activity, not by the user: a refusal (typically "not connected"
     *                  while the room restarts) then goes back quietly and is tried again at the next check or
     *                  activity; before, a red "Presence not changed: Not connected…" appeared under the tree of
     *                  a user who had not touched anything
     */
    private void send(Presence next, boolean automatic) {
        if (next == presence.get()) {
            return;
        }
        Presence before = presence.get();
        presence.set(next);
        notice.set("");
        client.requestOk(new Session.SetPresence(next)).whenComplete((ok, failure) -> {
            if (failure != null) {
                ui.run(() -> {
                    if (presence.get() == next) {
                        presence.set(before);
                    }
                    if (automatic) {
                        autoAway = before == Presence.AWAY;
                    } else {
                        if (chosen.get() == next) {
                            chosen.set(before);
                        }
                        notice.set(Failures.sentence(failure));
                    }
                });
            }
        });
    }

    /** "Online", "Away", … for menus and lists. */
    public static String label(Presence value) {
        return switch (value) {
            case ONLINE -> "Online";
            case AWAY -> "Away";
            case BUSY -> "Busy";
            case INVISIBLE -> "Invisible";
            case OFFLINE -> "Offline";
        };
    }
}
