package dev.parley.client.core.audio.capture;

import dev.parley.client.core.audio.real.RealAudio;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.audio.dsp.AudioProcessor;
import dev.parley.client.core.audio.dsp.LevelMeter;
import dev.parley.client.core.audio.vad.VoiceActivationGate;
import dev.parley.client.core.audio.vad.VoiceActivationSettings;
import dev.parley.client.core.audio.vad.VoiceActivityDetectors;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CapturePipelineTest {

    private static final Path SPEECH = Path.of("src/test/resources/audio/speech-48k.wav");

    private final RecordingSink sink = new RecordingSink();
    private final List<AudioLevel> levels = Collections.synchronizedList(new ArrayList<>());
    private final AudioProcessor processor = AudioProcessor.create(AudioProcessingSettings.allEnabled());
    private final VoiceActivationGate voiceGate =
            new VoiceActivationGate(VoiceActivityDetectors.createDefault(), VoiceActivationSettings.defaults());

    @BeforeEach
    void needsNativeProcessing() {
        // The expected spurt timings are those of the WebRTC detector and processing.
        RealAudio.assumeNativeProcessing();
    }

    @AfterEach
    void closeStages() {
        voiceGate.close();
        processor.close();
    }

    @Test
    void voiceActivationSendsTheTwoPhrasesOfTheRecordingAsTwoSpurts() {
        pipeline(WavFileInput.open(SPEECH), new TransmitGate(TransmitMode.VOICE_ACTIVITY)).run();

        assertThat(sink.events).filteredOn("END"::equals).hasSize(2);
        List<Integer> spurtLengths = sink.spurtLengths();
        // each phrase (1.35 s and 1.7 s) plus 100 ms pre-roll and 300 ms hangover, give or take detection
        assertThat(spurtLengths.get(0)).isBetween(135 + 10, 135 + 10 + 30 + 20);
        assertThat(spurtLengths.get(1)).isBetween(171 + 10, 171 + 10 + 30 + 20);
        assertThat(levels).hasSize(486 / LevelMeter.CHUNKS_PER_UPDATE);
    }

    @Test
    void preRollChunksComeFirstSoTheSpurtStartsBeforeTheDetectorReacted() {
        pipeline(WavFileInput.open(SPEECH), new TransmitGate(TransmitMode.VOICE_ACTIVITY)).run();

        // speech begins at 0.49 s; the first sent chunk holds the silence just before it
        AudioLevel first = AudioLevel.of(sink.firstChunk, 0, PcmFormat.CHUNK_SAMPLES);
        assertThat(first.rmsDbfs()).isLessThan(-60);
    }

    @Test
    void alwaysOnSendsEveryChunkAndEndsTheSpurtWhenTheInputEnds() {
        pipeline(WavFileInput.open(SPEECH), new TransmitGate(TransmitMode.ALWAYS_ON)).run();

        assertThat(sink.spurtLengths()).containsExactly(486);
        assertThat(sink.events.get(sink.events.size() - 1)).isEqualTo("END");
    }

    @Test
    @Timeout(10)
    void pushToTalkOnALiveInputSendsOnlyWhileHeld() {
        TransmitGate gate = new TransmitGate(TransmitMode.PUSH_TO_TALK);
        List<Boolean> talking = Collections.synchronizedList(new ArrayList<>());
        gate.addTalkingListener(talking::add);
        try (CapturePipeline pipeline = pipeline(new NullAudioInput(), gate)) {
            pipeline.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> levels.size() >= 2);
            assertThat(sink.events).isEmpty();

            gate.setPushToTalk(true);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() >= 5);
            gate.setPushToTalk(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.contains("END"));
        }

        assertThat(talking).containsExactly(true, false);
        assertThat(sink.events).filteredOn("END"::equals).hasSize(1);
    }

    @Test
    @Timeout(10)
    void closeStopsTheCaptureThreadAndEndsARunningSpurt() {
        CapturePipeline pipeline = pipeline(new NullAudioInput(), new TransmitGate(TransmitMode.ALWAYS_ON));
        pipeline.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> sink.events.size() >= 3);

        pipeline.close();

        assertThat(pipeline.isRunning()).isFalse();
        assertThat(sink.events.get(sink.events.size() - 1)).isEqualTo("END");
    }

    @Test
    void aFailingSinkLosesOneChunkNotTheMicrophone() {
        int[] calls = {0};
        CapturePipeline.Sink flaky = new CapturePipeline.Sink() {
            @Override
            public void transmit(short[] chunk) {
                if (calls[0]++ == 3) {
                    throw new IllegalStateException("encoder hiccup");
                }
            }

            @Override
            public void endOfTalkSpurt() {
            }
        };
        new CapturePipeline(WavFileInput.open(SPEECH), processor, new LevelMeter(),
                voiceGate, new TransmitGate(TransmitMode.ALWAYS_ON), flaky).run();

        assertThat(calls[0]).isEqualTo(486);
    }

    @Test
    @Timeout(10)
    void thePreparationRunsOnTheCaptureThreadBeforeTheInputStarts() {
        java.util.concurrent.atomic.AtomicBoolean inputStarted = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        NullAudioInput real = new NullAudioInput();
        dev.parley.client.core.audio.AudioInput input = new dev.parley.client.core.audio.AudioInput() {
            @Override
            public void start() {
                inputStarted.set(true);
                real.start();
            }

            @Override
            public boolean read(short[] chunk) {
                return real.read(chunk);
            }

            @Override
            public String description() {
                return real.description();
            }

            @Override
            public void close() {
                real.close();
            }
        };
        try (CapturePipeline pipeline = pipeline(input, new TransmitGate(TransmitMode.ALWAYS_ON))) {
            pipeline.start(() -> {
                seen.add(Thread.currentThread().getName() + " input started " + inputStarted.get());
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> !seen.isEmpty());
            // Still preparing: the microphone is not read yet, so nothing piles up behind it.
            assertThat(pipeline.isCapturing()).isFalse();
            assertThat(inputStarted).isFalse();
            release.countDown();
            await().atMost(Duration.ofSeconds(5)).until(pipeline::isCapturing);
            assertThat(seen).containsExactly("parley-capture input started false");
            assertThat(inputStarted).isTrue();
        }
    }

    private CapturePipeline pipeline(dev.parley.client.core.audio.AudioInput input, TransmitGate gate) {
        return new CapturePipeline(input, processor, new LevelMeter(levels::add), voiceGate, gate, sink);
    }

    /** Records "T" per transmitted chunk and "END" per spurt end. */
    private static final class RecordingSink implements CapturePipeline.Sink {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        volatile short[] firstChunk;

        @Override
        public void transmit(short[] chunk) {
            if (firstChunk == null) {
                firstChunk = chunk.clone();
            }
            events.add("T");
        }

        @Override
        public void endOfTalkSpurt() {
            events.add("END");
        }

        List<Integer> spurtLengths() {
            List<Integer> lengths = new ArrayList<>();
            int run = 0;
            for (String e : List.copyOf(events)) {
                if (e.equals("END")) {
                    lengths.add(run);
                    run = 0;
                } else {
                    run++;
                }
            }
            return lengths;
        }
    }
}
