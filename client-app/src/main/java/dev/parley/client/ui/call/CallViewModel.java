package dev.parley.client.ui.call;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.call.CallDesk.CurrentCall;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.VoiceControls;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call bar: places a call, answers or declines one, hangs up, and chooses whether my microphone
 * talks to the call or to my channel (the call while it is active, the channel again once it ends).
 * Follows what the room says of my call; an ended call or a refusal leaves a sentence that goes away
 * after a few seconds. UI thread only; the room's answers come back through {@link UiThread}.
 */
public final class CallViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallViewModel.class);
    /** How long "bob declined", "Call ended" or a refusal stays: long enough to read, short enough to forget. */
    public static final Duration ENDED_SHOWN_FOR = Duration.ofSeconds(5);

    private final CallLine line;
    private final VoiceControls voice;
    private final Ringer ringer;
    private final UiThread ui;
    private final CallTimers timers;
    private final LongSupplier clock;
    private final Subscription subscription;
    private final ObjectProperty<CallPhase> phase = new SimpleObjectProperty<>(CallPhase.NONE);
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty elapsed = new SimpleStringProperty("");
    private final BooleanProperty problem = new SimpleBooleanProperty();
    private final BooleanProperty talkToCall = new SimpleBooleanProperty();
    private final BooleanBinding inCall = phase.isEqualTo(CallPhase.CALLING).or(phase.isEqualTo(CallPhase.INCOMING))
            .or(phase.isEqualTo(CallPhase.ACTIVE));
    private final StringProperty talkingTo = new SimpleStringProperty(CallWords.talkingTo(false));
    private Consumer<String> onIncoming = name -> { };
    /** The call the room told me about last (0 before the room named it). */
    private long callId;
    private String peer = "";
    /** I placed the call (so an end reads "bob declined" rather than "Call declined"). */
    private boolean outgoing;
    /** Cancel was pressed before the room said the call rings: hang up as soon as it does. */
    private boolean cancelWhenRinging;
    /** Counts calls placed, so a late refusal of an earlier attempt changes nothing. */
    private int attempt;
    private long activeSince;
    private Subscription ticking;
    private Subscription fading;

    public CallViewModel(CallLine line, VoiceControls voice, Ringer ringer, UiThread ui) {
        this(line, voice, ringer, ui, CallTimers.on(ui), System::currentTimeMillis);
    }

    public CallViewModel(CallLine line, VoiceControls voice, Ringer ringer, UiThread ui, CallTimers timers,
                         LongSupplier clock) {
        this.line = line;
        this.voice = voice;
        this.ringer = ringer;
        this.ui = ui;
        this.timers = timers;
        this.clock = clock;
        talkToCall.addListener((obs, old, toCall) -> {
            voice.setTalkToCall(toCall);
            talkingTo.set(CallWords.talkingTo(toCall));
        });
        this.subscription = line.onChange(call -> ui.run(() -> changed(call)));
    }

    public ReadOnlyObjectProperty<CallPhase> phaseProperty() {
        return phase;
    }

    /** "Calling bob…", "ann is calling", "In a call with bob", "bob declined", a refusal, or "". */
    public StringProperty textProperty() {
        return text;
    }

    /** "0:42" while a call is active, else "". */
    public StringProperty elapsedProperty() {
        return elapsed;
    }

    /** The text is a refusal or a failure rather than news about the call. */
    public BooleanProperty problemProperty() {
        return problem;
    }

    /** My microphone talks to the call (true) or to my channel; the user may switch while a call is active. */
    public BooleanProperty talkToCallProperty() {
        return talkToCall;
    }

    /** "Talking to: call" or "Talking to: channel". */
    public StringProperty talkingToProperty() {
        return talkingTo;
    }

    /** A call is ringing (either way) or active: no other call can be placed. */
    public BooleanBinding inCallProperty() {
        return inCall;
    }

    /** Told the caller's name when a call comes in (the window notifies the desktop). */
    public void onIncoming(Consumer<String> listener) {
        onIncoming = listener;
    }

    /** Rings {@code userId} ({@code name} for the bar until the room names them). */
    public void call(long userId, String name) {
        if (inCall.get()) {
            log.debug("Not calling {}: a call is in progress", name);
            return;
        }
        int thisAttempt = ++attempt;
        cancelFading();
        callId = 0;
        peer = name;
        outgoing = true;
        cancelWhenRinging = false;
        show(CallPhase.CALLING, CallWords.calling(name), false);
        line.ring(userId).whenComplete((id, failure) -> ui.run(() -> rang(thisAttempt, name, failure)));
    }

    private void rang(int thisAttempt, String name, Throwable failure) {
        if (failure == null || thisAttempt != attempt) {
            return;
        }
        log.info("The room would not ring {}: {}", name, failure.toString());
        // The call never rang (no call.state came): the refusal is all there is to show.
        if (phase.get() == CallPhase.CALLING && callId == 0) {
            end(CallWords.refused(failure, name), true);
        }
    }

    /** Cancel: the call I placed stops ringing. */
    public void cancel() {
        if (phase.get() != CallPhase.CALLING) {
            return;
        }
        if (callId == 0) {
            // The room has not said it rings yet; it will, and then it is hung up at once.
            cancelWhenRinging = true;
            return;
        }
        act("cancel", line.hangup());
    }

    public void accept() {
        if (phase.get() == CallPhase.INCOMING) {
            ringer.stop();
            act("accept", line.accept());
        }
    }

    public void decline() {
        if (phase.get() == CallPhase.INCOMING) {
            ringer.stop();
            act("decline", line.decline());
        }
    }

    public void hangUp() {
        if (phase.get() == CallPhase.ACTIVE) {
            act("hang up", line.hangup());
        }
    }

    /** A refused accept or hang-up is said in the bar; the call's next state comes from the room anyway. */
    private void act(String what, java.util.concurrent.CompletableFuture<?> request) {
        request.whenComplete((ok, failure) -> {
            if (failure != null) {
                log.info("Could not {} the call: {}", what, failure.toString());
                ui.run(() -> {
                    if (inCall.get()) {
                        text.set(Failures.sentence(failure));
                        problem.set(true);
                    }
                });
            }
        });
    }

    /** UI thread: the room says my call changed. */
    void changed(CurrentCall call) {
        String name = call.peer() != null ? call.peer().name() : peer;
        switch (call.state()) {
            case RINGING -> {
                cancelFading();
                callId = call.callId();
                peer = name;
                outgoing = true;
                show(CallPhase.CALLING, CallWords.calling(name), false);
                if (cancelWhenRinging) {
                    cancelWhenRinging = false;
                    act("cancel", line.hangup());
                }
            }
            case INCOMING -> {
                cancelFading();
                callId = call.callId();
                peer = name;
                outgoing = false;
                show(CallPhase.INCOMING, CallWords.incoming(name), false);
                ringer.start();
                onIncoming.accept(name);
            }
            case ACTIVE -> {
                ringer.stop();
                callId = call.callId();
                peer = name;
                show(CallPhase.ACTIVE, CallWords.active(name), false);
                // Answered: talk goes to the call unless the user switches back to the channel.
                talkToCall.set(true);
                voice.setTalkToCall(true);
                activeSince = clock.getAsLong();
                elapsed.set(CallWords.elapsed(0));
                stopTicking();
                ticking = timers.every(Duration.ofSeconds(1), this::tick);
            }
            case ENDED -> {
                if (call.callId() != callId && callId != 0) {
                    log.debug("Ignoring the end of call {}; mine is {}", call.callId(), callId);
                    return;
                }
                end(CallWords.ended(call.reason(), outgoing, name), false);
            }
        }
    }

    private void tick() {
        if (phase.get() == CallPhase.ACTIVE) {
            elapsed.set(CallWords.elapsed(clock.getAsLong() - activeSince));
        }
    }

    private void end(String sentence, boolean refusal) {
        ringer.stop();
        stopTicking();
        callId = 0;
        cancelWhenRinging = false;
        // Back to the channel: with no call, talk to target 31 would reach nobody.
        talkToCall.set(false);
        voice.setTalkToCall(false);
        elapsed.set("");
        show(CallPhase.ENDED, sentence, refusal);
        cancelFading();
        fading = timers.once(ENDED_SHOWN_FOR, () -> {
            if (phase.get() == CallPhase.ENDED) {
                show(CallPhase.NONE, "", false);
            }
        });
    }

    private void show(CallPhase next, String sentence, boolean refusal) {
        phase.set(next);
        text.set(sentence);
        problem.set(refusal);
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.close();
            ticking = null;
        }
    }

    private void cancelFading() {
        if (fading != null) {
            fading.close();
            fading = null;
        }
    }

    /** The session is going away (the room ends my call when I leave). */
    @Override
    public void close() {
        subscription.close();
        stopTicking();
        cancelFading();
        ringer.close();
        line.close();
    }
}
