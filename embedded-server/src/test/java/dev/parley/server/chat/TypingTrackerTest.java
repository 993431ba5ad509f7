package dev.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypingTrackerTest {
    private final TypingTracker tracker = new TypingTracker(6_000);
    private final TypingTracker.Typist bob = new TypingTracker.Typist(2, ConversationKey.channel(1));

    @Test
    void aQuietRefreshMovesTheExpirySoTheTimerReArmsInsteadOfForgettingIt() {
        TypingTracker.Typed first = tracker.typing(bob, 0);
        TypingTracker.Typed refresh = tracker.typing(bob, 1_000);

        assertThat(first.announce()).isTrue();
        assertThat(refresh).isEqualTo(new TypingTracker.Typed(false, 0));
        // The first timer fires at 6 s: 1 s of the refreshed indicator is left, not "nothing to do".
        assertThat(tracker.check(bob, first.timerSerial(), 6_000)).isEqualTo(1_000);
        assertThat(tracker.check(bob, first.timerSerial(), 7_000)).isEqualTo(TypingTracker.EXPIRED);
        assertThat(tracker.check(bob, first.timerSerial(), 7_001)).isEqualTo(TypingTracker.GONE);
    }

    @Test
    void aRefreshWithLessThanHalfLeftIsAnnouncedButStartsNoSecondTimer() {
        tracker.typing(bob, 0);

        assertThat(tracker.typing(bob, 3_500)).isEqualTo(new TypingTracker.Typed(true, 0));
    }

    @Test
    void aTimerOfAnIndicatorThatWasStoppedAndStartedAgainHasNothingToDo() {
        long oldTimer = tracker.typing(bob, 0).timerSerial();
        tracker.stop(bob);
        long newTimer = tracker.typing(bob, 100).timerSerial();

        assertThat(newTimer).isNotEqualTo(oldTimer);
        assertThat(tracker.check(bob, oldTimer, 6_000)).isEqualTo(TypingTracker.GONE);
        assertThat(tracker.check(bob, newTimer, 6_100)).isEqualTo(TypingTracker.EXPIRED);
    }

    @Test
    void typingAfterTheIndicatorRanOutStartsANewOne() {
        long first = tracker.typing(bob, 0).timerSerial();

        TypingTracker.Typed again = tracker.typing(bob, 6_000);

        assertThat(again.announce()).isTrue();
        assertThat(again.timerSerial()).isNotEqualTo(first).isNotZero();
    }
}
