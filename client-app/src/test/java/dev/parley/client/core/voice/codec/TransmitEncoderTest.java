package dev.parley.client.core.voice.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.receive.SpeakerStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The framing of 20 ms frames (two 10 ms chunks each); 10 ms frames are one chunk each and need no assembling. */
class TransmitEncoderTest {

    private static final int CHUNK = OpusSettings.CHUNK_SAMPLES;
    private final short[] voice = TestSignals.voiced(48_000);
    private final TransmitEncoder transmitter = new TransmitEncoder(OpusSettings.defaults().withFrameMillis(20), 100);
    private int chunkIndex;

    private Optional<EncodedFrame> push(boolean transmitting) {
        short[] chunk = TestSignals.slice(voice, chunkIndex * CHUNK, CHUNK);
        chunkIndex++;
        return transmitter.push(chunk, transmitting);
    }

    private List<EncodedFrame> pushMany(int chunks, boolean transmitting) {
        List<EncodedFrame> frames = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            push(transmitting).ifPresent(frames::add);
        }
        return frames;
    }

    @Test
    void everyTwoChunksMakeOneNumberedTimestampedPacket() {
        List<EncodedFrame> frames = pushMany(10, true);

        assertThat(frames).hasSize(5);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).sequence()).isEqualTo(100 + i);
            assertThat(frames.get(i).timestamp()).isEqualTo(960L * i);
            assertThat(frames.get(i).endOfTalk()).isFalse();
            assertThat(frames.get(i).payload()).isNotEmpty();
        }
    }

    @Test
    void closingTheGateOnAFrameBoundarySendsABareEndMarker() {
        pushMany(4, true);

        EncodedFrame end = push(false).orElseThrow();

        assertThat(end.endOfTalk()).isTrue();
        assertThat(end.payload()).isEmpty();
        assertThat(end.sequence()).isEqualTo(102);
        assertThat(pushMany(5, false)).isEmpty();
    }

    @Test
    void closingTheGateMidFrameSendsThePaddedFrameAsTheLast() {
        pushMany(5, true);

        EncodedFrame end = push(false).orElseThrow();

        assertThat(end.endOfTalk()).isTrue();
        assertThat(end.payload()).isNotEmpty();
        assertThat(end.sequence()).isEqualTo(102);
        assertThat(end.timestamp()).isEqualTo(4L * CHUNK);
    }

    @Test
    void timestampKeepsRunningThroughSilence() {
        pushMany(2, true);
        push(false);
        pushMany(10, false);
        List<EncodedFrame> next = pushMany(2, true);

        assertThat(next).hasSize(1);
        assertThat(next.get(0).sequence()).isEqualTo(102);
        assertThat(next.get(0).timestamp()).isEqualTo(13L * CHUNK);
    }

    @Test
    void bitrateRequestAppliesBeforeTheNextFrame() {
        transmitter.requestBitrate(16_000);
        transmitter.requestExpectedLossPercent(25);
        pushMany(2, true);

        assertThat(transmitter.settings().bitrateBps()).isEqualTo(16_000);
        assertThat(transmitter.settings().expectedLossPercent()).isEqualTo(25);
        assertThatThrownBy(() -> transmitter.requestBitrate(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void packetsPlayBackThroughASpeakerStream() {
        List<EncodedFrame> frames = pushMany(40, true);
        push(false).ifPresent(frames::add);
        SpeakerStream stream = new SpeakerStream(1, JitterSettings.defaults(), 0);
        short[] chunk = new short[CHUNK];
        int audible = 0;
        for (int tick = 0; tick < 100; tick++) {
            long now = tick * 10_000_000L;
            if (tick % 2 == 0 && tick / 2 < frames.size()) {
                stream.offer(frames.get(tick / 2), now);
            }
            if (stream.read(chunk, now) && TestSignals.rms(chunk, 0, CHUNK) > 500) {
                audible++;
            }
        }

        assertThat(stream.stats().decodedFrames()).isEqualTo(20);
        assertThat(stream.stats().fadeOuts()).isEqualTo(1);
        // 40 chunks were sent; the start delay (20 ms) falls to the target (jitter 0 + 5 ms) within this
        // 0.4 s by cutting about 15 ms of audio, so up to two chunks' worth is not played.
        assertThat(audible).isGreaterThanOrEqualTo(37);
    }

    @Test
    void discardedCaptureMovesTheTimestampsOnByWhatWasDiscarded() {
        pushMany(4, true);

        transmitter.skip(4_800);
        List<EncodedFrame> after = pushMany(4, true);

        // 4 chunks (1,920 samples) were pushed, then 100 ms (4,800) discarded: the next audio was captured then.
        assertThat(after).hasSize(2);
        assertThat(after.get(0).sequence()).as("numbering goes on: nothing was lost on the way").isEqualTo(102);
        assertThat(after.get(0).timestamp()).isEqualTo(1_920L + 4_800L);
        assertThat(after.get(1).timestamp()).isEqualTo(1_920L + 4_800L + 960L);
        assertThat(after).noneMatch(EncodedFrame::endOfTalk);
        assertThatThrownBy(() -> transmitter.skip(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
