package dev.parley.client.ui.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.call.CallDesk.CurrentCall;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.QuietVoiceControls;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The call bar's decisions without the toolkit: what it says and offers in each state, whom the microphone
 * talks to, and the refusals. The room's answers and call states are played by the test (the real room is
 * in {@code CallUiTest}); timers fire when the test says.
 */
class CallViewModelTest {
    private static final UserInfo BOB = new UserInfo(2, "bob", Role.MEMBER);
    private static final UserInfo ANN = new UserInfo(1, "ann", Role.MEMBER);

    private final Room line = new Room();
    private final Voice voice = new Voice();
    private final CountingRinger ringer = new CountingRinger();
    private final Timers timers = new Timers();
    private long now = 1_000;
    private final CallViewModel calls = new CallViewModel(line, voice, ringer, UiThread.direct(), timers, () -> now);

    @Test
    void callingSaysWhomAndOffersCancelUntilAnsweredThenTalksToTheCall() {
        calls.call(2, "bob");

        assertThat(line.rung).containsExactly(2L);
        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.CALLING);
        assertThat(calls.textProperty().get()).isEqualTo("Calling bob…");
        assertThat(calls.inCallProperty().get()).isTrue();

        line.say(7, BOB, CallState.RINGING, null);
        line.rings.get(0).complete(7L);
        line.say(7, BOB, CallState.ACTIVE, null);

        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.ACTIVE);
        assertThat(calls.textProperty().get()).isEqualTo("In a call with bob");
        assertThat(calls.talkToCallProperty().get()).isTrue();
        assertThat(calls.talkingToProperty().get()).isEqualTo("Talking to: call");
        assertThat(voice.talkToCall).containsExactly(true);
        assertThat(calls.elapsedProperty().get()).isEqualTo("0:00");
        now += 65_000;
        timers.tick();
        assertThat(calls.elapsedProperty().get()).isEqualTo("1:05");
        assertThat(ringer.starts).as("my own call does not ring at mine").isZero();
    }

    @Test
    void theTalkToggleSwitchesTheMicrophoneBetweenCallAndChannelAndTheEndGoesBackToTheChannel() {
        calls.call(2, "bob");
        line.say(7, BOB, CallState.RINGING, null);
        line.say(7, BOB, CallState.ACTIVE, null);

        calls.talkToCallProperty().set(false);
        assertThat(voice.talksToCall()).isFalse();
        assertThat(calls.talkingToProperty().get()).isEqualTo("Talking to: channel");
        calls.talkToCallProperty().set(true);
        assertThat(voice.talksToCall()).isTrue();

        calls.hangUp();
        assertThat(line.hangups).isEqualTo(1);
        line.say(7, BOB, CallState.ENDED, CallEnd.ENDED);

        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.ENDED);
        assertThat(calls.textProperty().get()).isEqualTo("Call ended");
        assertThat(voice.talksToCall()).as("back to the channel").isFalse();
        assertThat(calls.talkToCallProperty().get()).isFalse();
        assertThat(calls.elapsedProperty().get()).isEmpty();
        assertThat(calls.inCallProperty().get()).isFalse();
    }

    @Test
    void theEndedSentenceGoesAwayAfterAFewSeconds() {
        calls.call(2, "bob");
        line.say(7, BOB, CallState.RINGING, null);
        line.say(7, BOB, CallState.ENDED, CallEnd.DECLINED);

        assertThat(calls.textProperty().get()).isEqualTo("bob declined");
        assertThat(timers.onceDelays).containsExactly(CallViewModel.ENDED_SHOWN_FOR);

        timers.fireOnce();

        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.NONE);
        assertThat(calls.textProperty().get()).isEmpty();
    }

    @Test
    void anIncomingCallRingsAndIsAnnouncedUntilAnsweredOrDeclined() {
        List<String> announced = new ArrayList<>();
        calls.onIncoming(announced::add);

        line.say(9, ANN, CallState.INCOMING, null);

        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.INCOMING);
        assertThat(calls.textProperty().get()).isEqualTo("ann is calling");
        assertThat(announced).containsExactly("ann");
        assertThat(ringer.ringing).isTrue();

        calls.accept();
        assertThat(line.accepts).isEqualTo(1);
        assertThat(ringer.ringing).as("quiet as soon as I answer").isFalse();
        line.say(9, ANN, CallState.ACTIVE, null);
        assertThat(calls.textProperty().get()).isEqualTo("In a call with ann");
        assertThat(voice.talksToCall()).isTrue();

        line.say(9, ANN, CallState.ENDED, CallEnd.ENDED);
        line.say(10, ANN, CallState.INCOMING, null);
        assertThat(ringer.ringing).isTrue();
        calls.decline();
        assertThat(line.declines).isEqualTo(1);
        line.say(10, ANN, CallState.ENDED, CallEnd.DECLINED);
        assertThat(calls.textProperty().get()).isEqualTo("Call declined");
        assertThat(ringer.ringing).isFalse();
    }

    @Test
    void aCallThatStopsRingingBeforeIAnswerIsAMissedCall() {
        line.say(9, ANN, CallState.INCOMING, null);
        line.say(9, ANN, CallState.ENDED, CallEnd.CANCELLED);
        assertThat(calls.textProperty().get()).isEqualTo("Missed call from ann");
        assertThat(ringer.ringing).isFalse();

        line.say(11, ANN, CallState.INCOMING, null);
        line.say(11, ANN, CallState.ENDED, CallEnd.MISSED);
        assertThat(calls.textProperty().get()).isEqualTo("Missed call from ann");

        calls.call(2, "bob");
        line.say(12, BOB, CallState.RINGING, null);
        line.say(12, BOB, CallState.ENDED, CallEnd.MISSED);
        assertThat(calls.textProperty().get()).isEqualTo("Missed call: bob didn't answer");
    }

    @Test
    void refusalsSayWhy() {
        calls.call(2, "bob");
        line.rings.get(0).completeExceptionally(new RequestFailed(ErrorCode.BUSY, "bob is in another call."));

        assertThat(calls.phaseProperty().get()).isEqualTo(CallPhase.ENDED);
        assertThat(calls.textProperty().get()).isEqualTo("bob is in another call");
        assertThat(calls.problemProperty().get()).isTrue();

        calls.call(2, "bob");
        line.rings.get(1).completeExceptionally(new RequestFailed(ErrorCode.NOT_FOUND, "bob is not online."));
        assertThat(calls.textProperty().get()).isEqualTo("bob is not online.");

        calls.call(2, "bob");
        line.rings.get(2).completeExceptionally(new RequestFailed(ErrorCode.FRIENDS_ONLY,
                "bob accepts calls from friends only."));
        assertThat(calls.textProperty().get()).isEqualTo("bob accepts calls from friends only.");
        assertThat(voice.talksToCall()).isFalse();
    }

    @Test
    void cancelPressedBeforeTheRoomSaidItRingsHangsUpOnceItDoes() {
        calls.call(2, "bob");
        calls.cancel();
        assertThat(line.hangups).isZero();

        line.say(7, BOB, CallState.RINGING, null);

        assertThat(line.hangups).isEqualTo(1);
        line.say(7, BOB, CallState.ENDED, CallEnd.CANCELLED);
        assertThat(calls.textProperty().get()).isEqualTo("Call cancelled");
    }

    @Test
    void noSecondCallWhileOneIsInProgress() {
        calls.call(2, "bob");
        calls.call(3, "carol");
        assertThat(line.rung).containsExactly(2L);
    }

    @Test
    void elapsedTimeReadsLikeAClock() {
        assertThat(CallWords.elapsed(0)).isEqualTo("0:00");
        assertThat(CallWords.elapsed(59_999)).isEqualTo("0:59");
        assertThat(CallWords.elapsed(725_000)).isEqualTo("12:05");
        assertThat(CallWords.elapsed(3_723_000)).isEqualTo("1:02:03");
    }

    /** The room as the test plays it: requests are recorded, call states are said when the test says. */
    private static final class Room implements CallLine {
        final List<Long> rung = new ArrayList<>();
        final List<CompletableFuture<Object>> rings = new ArrayList<>();
        int accepts;
        int declines;
        int hangups;
        private final List<Consumer<? super CurrentCall>> listeners = new ArrayList<>();

        void say(long callId, UserInfo peer, CallState state, CallEnd reason) {
            listeners.forEach(listener -> listener.accept(new CurrentCall(callId, peer, state, reason)));
        }

        @Override
        public CompletableFuture<?> ring(long userId) {
            rung.add(userId);
            CompletableFuture<Object> answer = new CompletableFuture<>();
            rings.add(answer);
            return answer;
        }

        @Override
        public CompletableFuture<?> accept() {
            accepts++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> decline() {
            declines++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> hangup() {
            hangups++;
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public Subscription onChange(Consumer<? super CurrentCall> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }

        @Override
        public void close() {
        }
    }

    private static final class CountingRinger implements Ringer {
        int starts;
        boolean ringing;

        @Override
        public void start() {
            starts++;
            ringing = true;
        }

        @Override
        public void stop() {
            ringing = false;
        }
    }

    private static final class Timers implements CallTimers {
        final List<Duration> onceDelays = new ArrayList<>();
        private Runnable once;
        private Runnable every;

        @Override
        public Subscription once(Duration delay, Runnable work) {
            onceDelays.add(delay);
            once = work;
            return () -> once = null;
        }

        @Override
        public Subscription every(Duration period, Runnable work) {
            every = work;
            return () -> every = null;
        }

        void tick() {
            every.run();
        }

        void fireOnce() {
            once.run();
        }
    }

    /** Voice that only remembers whom it talks to. */
    private static final class Voice extends QuietVoiceControls {
        final List<Boolean> talkToCall = new ArrayList<>();

        @Override
        public void setTalkToCall(boolean toCall) {
            if (talkToCall.isEmpty() || talkToCall.get(talkToCall.size() - 1) != toCall) {
                talkToCall.add(toCall);
            }
        }

        @Override
        public boolean talksToCall() {
            return !talkToCall.isEmpty() && talkToCall.get(talkToCall.size() - 1);
        }
    }
}
