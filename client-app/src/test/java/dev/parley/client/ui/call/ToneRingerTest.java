package dev.parley.client.ui.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.NullAudioDevices;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The ring sound: its pattern, and that it rings silently rather than failing where there is no sound card. */
class ToneRingerTest {

    @Test
    void theToneIsTwoBurstsAndAPauseWellBelowFullScale() {
        int perChunk = PcmFormat.CHUNK_MILLIS;
        assertThat(RingTone.chunks()).isEqualTo(RingTone.CYCLE_MS / perChunk);
        assertThat(peak(RingTone.chunk(20))).as("inside the first burst").isGreaterThan(2_000);
        assertThat(peak(RingTone.chunk((RingTone.BURST_MS + 100) / perChunk))).as("in the gap").isZero();
        assertThat(peak(RingTone.chunk((RingTone.BURST_MS + RingTone.GAP_MS + 200) / perChunk))).isGreaterThan(2_000);
        assertThat(peak(RingTone.chunk(RingTone.chunks() - 10))).as("in the pause").isZero();
        for (int i = 0; i < RingTone.chunks(); i++) {
            assertThat(peak(RingTone.chunk(i))).isLessThanOrEqualTo((int) (RingTone.PEAK * Short.MAX_VALUE) + 1);
        }
        assertThat(RingTone.chunk(RingTone.chunks() + 20)).as("wraps around").isEqualTo(RingTone.chunk(20));
    }

    @Test
    void withoutASoundCardItRingsSilentlyAndNeverThrows() {
        AtomicInteger opened = new AtomicInteger();
        ToneRinger ringer = new ToneRinger(() -> {
            opened.incrementAndGet();
            throw new AudioDeviceException("no sound card");
        });

        ringer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> opened.get() == 1);
        ringer.stop();
        ringer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> opened.get() == 2);
        ringer.close();

        assertThat(ringer.ringing()).isFalse();
    }

    @Test
    void aRingOnSpeakersPlaysTheToneUntilStopped() {
        AtomicInteger written = new AtomicInteger();
        AtomicInteger loud = new AtomicInteger();
        ToneRinger ringer = new ToneRinger(() -> new AudioOutput() {
            private final AudioOutput pace = new NullAudioDevices().openOutput("default");

            @Override
            public void write(short[] chunk) {
                written.incrementAndGet();
                if (peak(chunk) > 0) {
                    loud.incrementAndGet();
                }
                pace.write(chunk);
            }

            @Override
            public String description() {
                return "counting speakers";
            }

            @Override
            public void close() {
                pace.close();
            }
        });

        ringer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> loud.get() >= 5);
        ringer.stop();
        int after = written.get();

        assertThat(ringer.ringing()).isFalse();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> written.get() <= after + 2);
    }

    private static int peak(short[] chunk) {
        int peak = 0;
        for (short sample : chunk) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }
}
