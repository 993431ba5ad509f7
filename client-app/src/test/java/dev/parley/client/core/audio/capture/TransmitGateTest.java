package dev.parley.client.core.audio.capture;

import static dev.parley.client.core.audio.capture.TransmitDecision.CONTINUE;
import static dev.parley.client.core.audio.capture.TransmitDecision.END;
import static dev.parley.client.core.audio.capture.TransmitDecision.IDLE;
import static dev.parley.client.core.audio.capture.TransmitDecision.START;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransmitGateTest {

    private final List<Boolean> talkingChanges = new ArrayList<>();

    @Test
    void pushToTalkTransmitsOnlyWhileTheKeyIsHeld() {
        TransmitGate gate = gate(TransmitMode.PUSH_TO_TALK);

        assertThat(gate.decide(true)).isEqualTo(IDLE);
        gate.setPushToTalk(true);
        assertThat(gate.decide(false)).isEqualTo(START);
        assertThat(gate.decide(false)).isEqualTo(CONTINUE);
        gate.setPushToTalk(false);
        assertThat(gate.decide(true)).isEqualTo(END);
        assertThat(gate.decide(true)).isEqualTo(IDLE);
    }

    @Test
    void voiceActivityFollowsTheVoiceVerdict() {
        TransmitGate gate = gate(TransmitMode.VOICE_ACTIVITY);

        assertThat(List.of(gate.decide(false), gate.decide(true), gate.decide(true), gate.decide(false),
                gate.decide(false))).containsExactly(IDLE, START, CONTINUE, END, IDLE);
    }

    @Test
    void alwaysOnTransmitsEveryChunk() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);

        assertThat(List.of(gate.decide(false), gate.decide(false), gate.decide(true)))
                .containsExactly(START, CONTINUE, CONTINUE);
    }

    @Test
    void muteStopsTransmissionInEveryMode() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);
        gate.decide(false);

        gate.setMuted(true);
        assertThat(gate.decide(true)).isEqualTo(END);
        gate.setMuted(false);
        assertThat(gate.decide(true)).isEqualTo(START);
    }

    @Test
    void switchingModeMidSpurtEndsItCleanly() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);
        gate.decide(false);

        gate.setMode(TransmitMode.PUSH_TO_TALK);

        assertThat(gate.decide(true)).isEqualTo(END);
        assertThat(gate.mode()).isEqualTo(TransmitMode.PUSH_TO_TALK);
    }

    @Test
    void finishEndsARunningSpurtOnlyOnce() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);
        gate.decide(false);

        assertThat(gate.finish()).isEqualTo(END);
        assertThat(gate.finish()).isEqualTo(IDLE);
    }

    @Test
    void listenersHearEachTransitionOnce() {
        TransmitGate gate = gate(TransmitMode.VOICE_ACTIVITY);

        for (boolean voice : new boolean[] {false, true, true, true, false, false, true, false}) {
            gate.decide(voice);
        }

        assertThat(talkingChanges).containsExactly(true, false, true, false);
        assertThat(gate.isTalking()).isFalse();
    }

    @Test
    void aFailingListenerDoesNotBreakTheGate() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);
        gate.addTalkingListener(talking -> {
            throw new IllegalStateException("boom");
        });

        assertThat(gate.decide(false)).isEqualTo(START);
        assertThat(gate.isTalking()).isTrue();
    }

    @Test
    void theWhisperKeyTransmitsInEveryModeToItsTargetButNeverWhileMuted() {
        for (TransmitMode mode : TransmitMode.values()) {
            TransmitGate gate = gate(mode);
            gate.setWhisper(3);
            assertThat(gate.decide(false)).as("%s, whisper key held, no voice", mode).isEqualTo(START);
            assertThat(gate.spurtTarget()).isEqualTo(3);
            gate.setMuted(true);
            assertThat(gate.decide(true)).as("%s, muted", mode).isEqualTo(END);
            gate.setMuted(false);
            gate.setWhisper(0);
            assertThat(gate.decide(false)).as("%s, released, no voice", mode)
                    .isEqualTo(mode == TransmitMode.ALWAYS_ON ? START : IDLE);
        }
    }

    @Test
    void changingTargetWhileTalkingEndsTheSpurtAndStartsOneToTheNewTarget() {
        TransmitGate gate = gate(TransmitMode.ALWAYS_ON);
        assertThat(gate.decide(false)).isEqualTo(START);
        assertThat(gate.spurtTarget()).isZero();

        gate.setWhisper(1);
        assertThat(gate.decide(false)).as("the channel's spurt ends").isEqualTo(END);
        assertThat(gate.spurtTarget()).as("its end goes to the channel").isZero();
        assertThat(gate.decide(false)).isEqualTo(START);
        assertThat(gate.spurtTarget()).isEqualTo(1);

        gate.setWhisper(0);
        assertThat(List.of(gate.decide(false), gate.decide(false))).containsExactly(END, START);
        assertThat(gate.spurtTarget()).isZero();
    }

    private TransmitGate gate(TransmitMode mode) {
        TransmitGate gate = new TransmitGate(mode);
        gate.addTalkingListener(talkingChanges::add);
        return gate;
    }
}
