package dev.parley.client.core.voice.receive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.jitter.JitterSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Voice activation as the sender really does it: each spurt starts with 100 ms of pre-roll sent at once,
 * the sample clock stands still while the gate is closed, and the spurt ends with a marked packet.
 */
class VoiceActivatedPlayoutTest {

    @Test
    void spurtsWithPreRollBurstsPlayEveryFrameWithoutWaitingForPacketsThatAreNotComing() {
        SpeakerStream stream = new SpeakerStream(1, JitterSettings.defaults(), 0, new SyntheticVoice(960));
        List<long[]> arrivals = new ArrayList<>(); // {arrival ms, sequence, timestamp, end}
        long sequence = 0;
        long timestamp = 0;
        long time = 100;
        for (int spurt = 0; spurt < 20; spurt++) {
            for (int i = 0; i < 30; i++) {
                long at = i < 5 ? time : time + (i - 4) * 20L;
                arrivals.add(new long[] {at, sequence++, timestamp, i == 29 ? 1 : 0});
                timestamp += 960;
            }
            time += 26 * 20 + 700;
        }
        short[] chunk = new short[480];
        int next = 0;
        for (long t = 0; t < time + 2_000; t += 10) {
            while (next < arrivals.size() && arrivals.get(next)[0] <= t) {
                long[] a = arrivals.get(next++);
                stream.offer(new EncodedFrame(a[1], a[2], a[3] == 1, new byte[] {1}), a[0] * 1_000_000L);
            }
            stream.read(chunk, t * 1_000_000L);
        }

        ReceiveStats stats = stream.stats();
        assertThat(stats.decodedFrames()).as("%s", stats).isEqualTo(600);
        assertThat(stats.fadeOuts()).isEqualTo(20);
        assertThat(stats.expandedFrames()).as("%s", stats).isLessThanOrEqualTo(20);
        assertThat(stats.jitter().lost()).isZero();
    }
}
