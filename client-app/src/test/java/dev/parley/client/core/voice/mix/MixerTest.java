package dev.parley.client.core.voice.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import dev.parley.client.core.voice.TestSignals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MixerTest {

    /** A speaker that plays a fixed signal chunk by chunk and is silent afterwards. */
    private static final class SignalSource implements MixSource {
        private final int speakerId;
        private final short[] signal;
        private int position;

        SignalSource(int speakerId, short[] signal) {
            this.speakerId = speakerId;
            this.signal = signal;
        }

        @Override
        public int speakerId() {
            return speakerId;
        }

        @Override
        public boolean read(short[] chunk, long nowNanos) {
            if (position >= signal.length) {
                Arrays.fill(chunk, (short) 0);
                return false;
            }
            System.arraycopy(signal, position, chunk, 0, chunk.length);
            position += chunk.length;
            return true;
        }

        @Override
        public boolean isTalking() {
            return position < signal.length;
        }
    }

    private static final class FakeSources implements MixSources {
        final List<MixSource> sources = new CopyOnWriteArrayList<>();
        int housekeeping;

        @Override
        public List<MixSource> sources() {
            return sources;
        }

        @Override
        public void removeIdle(long nowNanos) {
            housekeeping++;
            sources.removeIf(s -> !s.isTalking());
        }
    }

    private final FakeSources sources = new FakeSources();
    private final Mixer mixer = new Mixer(sources);
    private final short[] out = new short[Mixer.CHUNK_SAMPLES];

    @Test
    void twoSpeakersAreSummed() {
        short[] a = TestSignals.sine(4_800, 440, 5_000);
        short[] b = TestSignals.sine(4_800, 1_000, 5_000);
        sources.sources.add(new SignalSource(1, a));
        sources.sources.add(new SignalSource(2, b));

        mixer.mix(out, 0);

        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) (a[i] + b[i]));
        }
        assertThat(mixer.talkingSpeakers()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void volumeScalesOneSpeaker() {
        short[] a = TestSignals.sine(4_800, 440, 8_000);
        sources.sources.add(new SignalSource(1, a));
        mixer.setVolume(1, 50);

        mixer.mix(out, 0);

        assertThat(TestSignals.rms(out, 0, out.length)).isCloseTo(TestSignals.rms(a, 0, out.length) / 2,
                offset(5.0));
        assertThat(mixer.volume(1)).isEqualTo(50);
    }

    @Test
    void doubleVolumeOfAQuietSpeakerDoublesIt() {
        short[] a = TestSignals.sine(4_800, 440, 4_000);
        sources.sources.add(new SignalSource(1, a));
        mixer.setVolume(1, 200);

        mixer.mix(out, 0);

        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo((short) (2 * a[i]));
        }
    }

    @Test
    void volumeOutsideZeroTo200PercentIsRejected() {
        assertThatThrownBy(() -> mixer.setVolume(1, 201)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mixer.setVolume(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mutedSpeakerIsSilentButStillShowsAsTalking() {
        short[] a = TestSignals.sine(4_800, 440, 5_000);
        short[] b = TestSignals.sine(4_800, 1_000, 5_000);
        sources.sources.add(new SignalSource(1, a));
        sources.sources.add(new SignalSource(2, b));
        mixer.setMuted(1, true);

        mixer.mix(out, 0);

        for (int i = 0; i < out.length; i++) {
            assertThat(out[i]).isEqualTo(b[i]);
        }
        assertThat(mixer.isMuted(1)).isTrue();
        assertThat(mixer.isTalking(1)).isTrue();
    }

    @Test
    void fiveMillisecondPullsReadFiveMillisecondsFromEachSpeakerAndSumThemInOrder() {
        short[] a = TestSignals.sine(4_800, 440, 5_000);
        short[] b = TestSignals.sine(4_800, 1_000, 5_000);
        sources.sources.add(new SignalSource(1, a));
        sources.sources.add(new SignalSource(2, b));
        short[] half = new short[Mixer.SHORT_CHUNK_SAMPLES];

        mixer.mix(half, 0);
        mixer.mix(half, 5_000_000);

        for (int i = 0; i < half.length; i++) {
            int at = Mixer.SHORT_CHUNK_SAMPLES + i;
            assertThat(half[i]).isEqualTo((short) (a[at] + b[at]));
        }
    }

    @Test
    void deafenedOutputIsSilenceWhileSpeakersStillAdvance() {
        SignalSource speaker = new SignalSource(1, TestSignals.sine(4_800, 440, 5_000));
        sources.sources.add(speaker);
        mixer.setDeafened(true);

        mixer.mix(out, 0);

        assertThat(out).containsOnly((short) 0);
        assertThat(mixer.isTalking(1)).isTrue();
        assertThat(speaker.position).isEqualTo(Mixer.CHUNK_SAMPLES);
        mixer.setDeafened(false);
        mixer.mix(out, 10_000_000);
        assertThat(TestSignals.rms(out, 0, out.length)).isGreaterThan(1_000);
    }

    @Test
    void loudOverlapIsSoftClippedNotWrappedAround() {
        short[] loud = TestSignals.sine(4_800, 440, 30_000);
        sources.sources.add(new SignalSource(1, loud));
        sources.sources.add(new SignalSource(2, loud));
        sources.sources.add(new SignalSource(3, loud));

        mixer.mix(out, 0);

        for (int i = 0; i < out.length; i++) {
            int sum = 3 * loud[i];
            // Same sign as the true sum (no wrap-around), never beyond full scale, and bent only above the knee.
            assertThat(Integer.signum(out[i])).isEqualTo(Integer.signum(sum));
            if (Math.abs(sum) <= SoftClipper.KNEE) {
                assertThat(out[i]).isEqualTo((short) sum);
            } else {
                assertThat(Math.abs(out[i])).isGreaterThan(SoftClipper.KNEE).isLessThanOrEqualTo(Short.MAX_VALUE);
            }
        }
    }

    @Test
    void softClipperIsMonotonicAndContinuousAtTheKnee() {
        int previous = SoftClipper.clip(-200_000);
        for (int x = -200_000; x <= 200_000; x += 7) {
            int y = SoftClipper.clip(x);
            assertThat(y).isGreaterThanOrEqualTo(previous);
            previous = y;
        }
        assertThat(SoftClipper.clip(SoftClipper.KNEE + 1) - SoftClipper.clip(SoftClipper.KNEE)).isBetween(0, 1);
        assertThat(SoftClipper.clip(Integer.MAX_VALUE / 2)).isEqualTo(Short.MAX_VALUE);
        assertThat(SoftClipper.clip(Integer.MIN_VALUE / 2)).isEqualTo((short) -Short.MAX_VALUE);
    }

    @Test
    void talkingListenerHearsStartAndStop() {
        List<String> events = new ArrayList<>();
        mixer.setTalkingListener((id, talking) -> events.add(id + (talking ? " on" : " off")));
        sources.sources.add(new SignalSource(4, TestSignals.sine(960, 440, 5_000)));

        for (int tick = 0; tick < 4; tick++) {
            mixer.mix(out, tick * 10_000_000L);
        }

        assertThat(events).containsExactly("4 on", "4 off");
        assertThat(mixer.talkingSpeakers()).isEmpty();
    }

    @Test
    void quietSpeakersAreClearedOutByHousekeeping() {
        sources.sources.add(new SignalSource(4, TestSignals.sine(960, 440, 5_000)));

        for (int tick = 0; tick < 100; tick++) {
            mixer.mix(out, tick * 10_000_000L);
        }

        assertThat(sources.housekeeping).isEqualTo(1);
        assertThat(sources.sources).isEmpty();
    }
}
