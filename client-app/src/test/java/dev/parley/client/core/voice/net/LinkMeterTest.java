package dev.parley.client.core.voice.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.protocol.voice.VoicePong;
import org.junit.jupiter.api.Test;

class LinkMeterTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000 * MS;
    private final LinkMeter meter = new LinkMeter();

    @Test
    void roundTripComesFromTheEchoedSendTime() {
        assertThat(meter.window().rttMs()).isNegative();
        meter.onPong(new VoicePong(0, 100 * MS, 1, 0), 0, 1, 112 * MS);
        assertThat(meter.window().rttMs()).isCloseTo(12, within(0.001));
        assertThat(meter.total().rttMs()).isCloseTo(12, within(0.001));
    }

    @Test
    void upstreamLossIsOverTheWindowAndTheWholeRunNotTheLastPingInterval() {
        // counters 0..99 sent, relay accepted 90 of them
        meter.onPong(new VoicePong(0, 0, 90, 99), 0, 1, S);
        assertThat(meter.window().upstreamLossPercent()).isCloseTo(10, within(0.001));
        // next interval: counters 100..149, all 50 arrived; the window still holds the earlier loss
        meter.onPong(new VoicePong(1, 0, 140, 149), 1, 2, 2 * S);
        assertThat(meter.window().upstreamLossPercent()).isCloseTo(100.0 * 10 / 150, within(0.001));
        assertThat(meter.total().upstreamLossPercent()).isCloseTo(100.0 * 10 / 150, within(0.001));
        // 20 s later, 100 more, all arrived: the window forgot the old loss, the total did not
        meter.onPong(new VoicePong(2, 0, 240, 249), 2, 3, 22 * S);
        assertThat(meter.window().upstreamLossPercent()).isZero();
        assertThat(meter.total().upstreamLossPercent()).isCloseTo(100.0 * 10 / 250, within(0.001));
    }

    @Test
    void downstreamLossComparesTheRelaysCounterWithWhatWeReceived() {
        // the PONG carries counter 99: the relay sent 100 datagrams including it; 80 arrived
        meter.onPong(new VoicePong(0, 0, 1, 0), 99, 80, S);
        assertThat(meter.window().downstreamLossPercent()).isCloseTo(20, within(0.001));
        // then 100 more sent, 95 arrived
        meter.onPong(new VoicePong(1, 0, 2, 1), 199, 175, 2 * S);
        assertThat(meter.window().downstreamLossPercent()).isCloseTo(12.5, within(0.001));
        assertThat(meter.total().downstreamLossPercent()).isCloseTo(12.5, within(0.001));
    }

    @Test
    void udpProbesSentFromTheTunnelDoNotCountAsLoss() {
        meter.probeSent();
        meter.probeSent();
        // counters 0..9: two probes that went nowhere, eight tunnelled datagrams that arrived
        meter.onPong(new VoicePong(0, 0, 8, 9), 0, 1, S);
        assertThat(meter.window().upstreamLossPercent()).isZero();
    }

    @Test
    void evenlySpacedAudioHasNoJitterAndUnevenAudioHas() {
        for (int i = 0; i < 50; i++) {
            meter.onAudio(7, i * 960, false, 1_000 * MS + i * 20 * MS);
        }
        meter.publish(2_000 * MS, true);
        assertThat(meter.window().jitterMs()).isCloseTo(0, within(0.01));
        for (int i = 50; i < 150; i++) {
            long wobble = (i % 2 == 0 ? 10 : 0) * MS;
            meter.onAudio(7, i * 960, false, 1_000 * MS + i * 20 * MS + wobble);
        }
        meter.publish(4_000 * MS, true);
        assertThat(meter.window().jitterMs()).isBetween(5.0, 11.0);
        assertThat(meter.total().jitterMs()).isBetween(3.0, 11.0);
    }

    @Test
    void theSilenceAfterAnEndOfTalkIsNotJitter() {
        meter.onAudio(3, 0, false, 0);
        meter.onAudio(3, 960, true, 20 * MS);
        meter.onAudio(3, 1920, false, 2_000 * MS);
        meter.publish(2_000 * MS, true);
        assertThat(meter.window().jitterMs()).isZero();
    }
}
