package dev.parley.client.core.voice.receive;

import static dev.parley.client.core.voice.TestPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.mix.Mixer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VoiceReceiverTest {

    private static final long MS = 1_000_000L;

    private final VoiceReceiver receiver = new VoiceReceiver(JitterSettings.defaults(), Duration.ofSeconds(2));
    private final Mixer mixer = new Mixer(receiver);

    @Test
    void twoRealSpeakersAreDecodedMixedAndReportedTalking() {
        short[] out = new short[Mixer.CHUNK_SAMPLES];
        double loudest = 0;
        for (long t = 0; t < 1_000; t += 10) {
            if (t % 20 == 0 && t < 600) {
                long seq = t / 20;
                receiver.offer(1, frame(seq, seq == 29), t * MS);
                receiver.offer(2, frame(seq + 10, seq == 29), t * MS);
            }
            mixer.mix(out, t * MS);
            loudest = Math.max(loudest, TestSignals.rms(out, 0, out.length));
            if (t == 300) {
                assertThat(mixer.talkingSpeakers()).containsExactlyInAnyOrder(1, 2);
            }
        }

        assertThat(loudest).isGreaterThan(1_000);
        assertThat(mixer.talkingSpeakers()).isEmpty();
        assertThat(receiver.stats(1).orElseThrow().decodedFrames()).isEqualTo(30);
        assertThat(receiver.stats(2).orElseThrow().decodedFrames()).isEqualTo(30);
    }

    @Test
    void speakerQuietLongerThanTheIdleTimeIsRemoved() {
        receiver.offer(1, frame(0, true), 0);
        short[] out = new short[Mixer.CHUNK_SAMPLES];
        for (long t = 0; t < 1_000; t += 10) {
            mixer.mix(out, t * MS);
        }
        assertThat(receiver.stream(1)).isPresent();

        receiver.removeIdle(2_500 * MS);

        assertThat(receiver.stream(1)).isEmpty();
        assertThat(receiver.sources()).isEmpty();
    }

    @Test
    void wireCountersWrappingAt2To32PlayInOrder() {
        int firstSequence = 0xFFFF_FFFB;
        int firstTimestamp = 0xFFFF_F000;
        short[] out = new short[Mixer.CHUNK_SAMPLES];
        for (long t = 0; t < 800; t += 10) {
            if (t % 20 == 0 && t < 200) {
                int i = (int) (t / 20);
                receiver.offerWire(5, firstSequence + i, firstTimestamp + i * 960, i == 9, frame(i).payload(), t * MS);
            }
            mixer.mix(out, t * MS);
        }

        ReceiveStats stats = receiver.stats(5).orElseThrow();
        assertThat(stats.decodedFrames()).isEqualTo(10);
        assertThat(stats.jitter().lost()).isZero();
        assertThat(stats.jitter().jitterMs()).isLessThan(1.0);
    }

    @Test
    void duplicatePacketIsRejectedThroughTheReceiver() {
        assertThat(receiver.offer(3, frame(0), 0)).isTrue();
        assertThat(receiver.offer(3, frame(0), MS)).isFalse();
        assertThat(receiver.stats(3).orElseThrow().jitter().duplicate()).isEqualTo(1);
    }
}
