package dev.parley.client.ui.voice;

import dev.parley.client.core.Subscription;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.fx.UiTicker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whisper key: while held, my microphone talks to the people or the channel selected in the channel
 * tree instead of my channel, and the voice bar says to whom. The target is registered with the room
 * first and talk starts only once the room took it, so a changed selection never sends the first words
 * to the people of the previous whisper. UI thread only; the room's answer comes back through {@link UiThread}.
 */
public final class WhisperViewModel {
    private static final Logger log = LoggerFactory.getLogger(WhisperViewModel.class);
    /** The one whisper target the key uses (the protocol has 1..30). */
    public static final int TARGET = 1;
    public static final String NOTHING_SELECTED = "Select people or a channel to whisper to";
    static final String MUTED = "Unmute to whisper";
    /** A hint or refusal stays this long after the key is let go, long enough to read. */
    private static final Duration HINT_FOR = Duration.ofSeconds(6);

    private final VoiceControls voice;
    private final UiThread ui;
    private final BooleanSupplier muted;
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty whispering = new SimpleBooleanProperty();
    private final BooleanProperty problem = new SimpleBooleanProperty();
    private final StringProperty heard = new SimpleStringProperty("");
    private Supplier<Optional<WhisperTarget>> selection = Optional::empty;
    private boolean held;
    /** Counts presses, so the room's late answer to an earlier press starts nothing. */
    private int press;
    /** The target the room last accepted; pressing again for the same one starts at once. */
    private WhisperTarget registered;
    private Subscription hintExpiry;

    public WhisperViewModel(VoiceControls voice, UiThread ui, BooleanSupplier muted) {
        this.voice = voice;
        this.ui = ui;
        this.muted = muted;
    }

    /** Where the key looks for whom to whisper to when pressed: the channel tree's selection. */
    public void useSelection(Supplier<Optional<WhisperTarget>> current) {
        selection = current;
    }

    /** "Whispering to bob" while whispering, a hint or the room's refusal after a press that could not whisper, else "". */
    public StringProperty statusProperty() {
        return status;
    }

    /** Talk goes to the whisper target right now (the key is held and the room took the target). */
    public BooleanProperty whisperingProperty() {
        return whispering;
    }

    /** The status is a hint or a refusal rather than "Whispering to…". */
    public BooleanProperty problemProperty() {
        return problem;
    }

    /** "ann is whispering to you" while someone whispers or shouts to me, else "" (set by the window's wiring). */
    public StringProperty heardProperty() {
        return heard;
    }

    /** The whisper key went down (true) or up; repeats of a held key are ignored. */
    public void setPressed(boolean down) {
        if (down == held) {
            return;
        }
        held = down;
        if (!down) {
            release();
            return;
        }
        int thisPress = ++press;
        cancelHintExpiry();
        Optional<WhisperTarget> chosen = selection.get();
        if (chosen.isEmpty()) {
            showProblem(NOTHING_SELECTED);
            return;
        }
        if (muted.getAsBoolean()) {
            showProblem(MUTED);
            return;
        }
        WhisperTarget target = chosen.get();
        if (target.equals(registered)) {
            start(target);
            return;
        }
        status.set("");
        voice.setWhisperTarget(TARGET, target.userIds(), target.channelId(), target.shout())
                .whenComplete((ok, failure) -> ui.run(() -> registered(thisPress, target, failure)));
    }

    private void registered(int thisPress, WhisperTarget target, Throwable failure) {
        if (failure != null) {
            log.info("The room refused the whisper target {}: {}", target.label(), failure.toString());
            registered = null;
            // The engine would otherwise register the refused target again with every voice restart.
            voice.setWhisperTarget(TARGET, java.util.List.of(), null, false);
            if (thisPress == press) {
                // Whatever the room refused is never talked to; the channel gets nothing either.
                voice.setWhisper(TARGET, false);
                whispering.set(false);
                showProblem(Failures.sentence(failure));
            }
            return;
        }
        registered = target;
        if (thisPress == press && held) {
            start(target);
        }
    }

    private void start(WhisperTarget target) {
        voice.setWhisper(TARGET, true);
        whispering.set(true);
        problem.set(false);
        status.set(target.speaking());
    }

    private void release() {
        voice.setWhisper(TARGET, false);
        whispering.set(false);
        if (problem.get()) {
            // Let the hint be read after the key is up; the next press replaces it anyway.
            hintExpiry = UiTicker.once(HINT_FOR, ui, () -> {
                if (!held) {
                    status.set("");
                    problem.set(false);
                }
            });
        } else {
            status.set("");
        }
    }

    private void showProblem(String sentence) {
        problem.set(true);
        status.set(sentence);
    }

    private void cancelHintExpiry() {
        if (hintExpiry != null) {
            hintExpiry.close();
            hintExpiry = null;
        }
    }

    /** Voice is going away: let go of the key. */
    public void close() {
        cancelHintExpiry();
        if (held) {
            held = false;
            voice.setWhisper(TARGET, false);
            whispering.set(false);
        }
    }
}
