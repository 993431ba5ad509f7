package dev.parley.client.core.audio.vad;

import dev.parley.client.core.audio.real.RealAudio;
import static dev.parley.client.core.audio.Signals.speech48k;
import static dev.parley.client.core.audio.Signals.whiteNoise;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.AudioLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the gate over the committed speech recording: 0.5 s silence, "Hello, this is Parley." (to 1.85 s),
 * 0.8 s silence, "Testing one, two, three." (2.65 to 4.36 s), 0.5 s silence.
 */
class VoiceActivationGateTest {

    private static final int N = PcmFormat.CHUNK_SAMPLES;

    static Stream<Arguments> detectors() {
        return Stream.of(
                Arguments.of(Named.of("webrtc", (Supplier<VoiceActivityDetector>) () -> {
                    RealAudio.assumeNativeProcessing();
                    return new WebRtcVoiceActivityDetector();
                })),
                Arguments.of(Named.of("energy", (Supplier<VoiceActivityDetector>) EnergyVoiceActivityDetector::new)));
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void speechOpensTheGateOncePerPhrase(Supplier<VoiceActivityDetector> detector) {
        boolean[] open = run(detector, VoiceActivationSettings.defaults(), speech48k());

        List<int[]> spurts = spurts(open);
        assertThat(spurts).hasSize(2);
        // opens within 150 ms of each phrase's start, closes within hangover + 150 ms of its end
        assertThat(spurts.get(0)[0]).isBetween(50, 65);
        assertThat(spurts.get(0)[1]).isBetween(185, 185 + 30 + 15);
        assertThat(spurts.get(1)[0]).isBetween(265, 280);
        assertThat(spurts.get(1)[1]).isBetween(436, 436 + 30 + 15);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void hangoverBridgesTheShortPausesInsideAPhrase(Supplier<VoiceActivityDetector> detector) {
        boolean[] open = run(detector, VoiceActivationSettings.defaults(), speech48k());
        List<int[]> spurts = spurts(open);

        // the first phrase has word gaps of ~100 ms of digital silence, yet it is one spurt
        int[] first = spurts.get(0);
        assertThat(first[1] - first[0]).isGreaterThan(120);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void withoutHangoverTheGateFlickersInsideAPhrase(Supplier<VoiceActivityDetector> detector) {
        VoiceActivationSettings noHangover = VoiceActivationSettings.defaults().withHangover(Duration.ZERO);

        assertThat(spurts(run(detector, noHangover, speech48k()))).hasSizeGreaterThan(2);
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void silenceNeverOpensTheGate(Supplier<VoiceActivityDetector> detector) {
        boolean[] open = run(detector, VoiceActivationSettings.defaults(), new short[48000 * 3]);

        assertThat(spurts(open)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void lowWhiteNoiseNeverOpensTheGate(Supplier<VoiceActivityDetector> detector) {
        // about -50 dBFS RMS, a quiet fan
        boolean[] open = run(detector, VoiceActivationSettings.defaults(), whiteNoise(48000 * 3, 100, 11));

        assertThat(spurts(open)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("detectors")
    void whiteNoiseAboveTheThresholdIsStillNotSpeech(Supplier<VoiceActivityDetector> detector) {
        // about -30 dBFS RMS, well above the -45 dBFS threshold: only the detector keeps it closed
        boolean[] open = run(detector, VoiceActivationSettings.defaults(), whiteNoise(48000 * 3, 1000, 12));

        assertThat(spurts(open)).isEmpty();
    }

    @Test
    void raisingTheThresholdAboveTheSpeechLevelKeepsTheGateClosed() {
        RealAudio.assumeNativeProcessing();
        VoiceActivationSettings strict = VoiceActivationSettings.defaults().withOpenThresholdDbfs(-5);

        assertThat(spurts(run(WebRtcVoiceActivityDetector::new, strict, speech48k()))).isEmpty();
    }

    @Test
    void preRollHandsOverTheChunksJustBeforeOpeningIncludingTheSpeechOnset() {
        RealAudio.assumeNativeProcessing();
        short[] speech = speech48k();
        List<short[]> preRoll = new ArrayList<>();
        int openedAt = -1;
        try (VoiceActivationGate gate = new VoiceActivationGate(new WebRtcVoiceActivityDetector(),
                VoiceActivationSettings.defaults())) {
            for (int c = 0; c < speech.length / N && openedAt < 0; c++) {
                short[] chunk = Arrays.copyOfRange(speech, c * N, c * N + N);
                if (gate.process(chunk, AudioLevel.of(chunk, 0, N).rmsDbfs()) && gate.justOpened()) {
                    openedAt = c;
                    gate.drainPreRoll(pre -> preRoll.add(pre.clone()));
                }
            }
        }

        assertThat(preRoll).hasSize(10);
        for (int i = 0; i < 10; i++) {
            int c = openedAt - 10 + i;
            assertThat(preRoll.get(i)).containsExactly(Arrays.copyOfRange(speech, c * N, c * N + N));
        }
        // speech starts at 0.49 s (chunk 49): the first syllable is in the pre-roll, not lost
        assertThat(openedAt - 10).isLessThanOrEqualTo(49);
    }

    @Test
    void preRollIsOfferedOnlyRightAfterOpening() {
        RealAudio.assumeNativeProcessing();
        short[] loudSpeech = speech48k();
        try (VoiceActivationGate gate = new VoiceActivationGate(new WebRtcVoiceActivityDetector(),
                VoiceActivationSettings.defaults())) {
            int c = 0;
            short[] chunk = new short[N];
            do {
                System.arraycopy(loudSpeech, c * N, chunk, 0, N);
                c++;
            } while (!gate.process(chunk, AudioLevel.of(chunk, 0, N).rmsDbfs()));
            System.arraycopy(loudSpeech, c * N, chunk, 0, N);
            gate.process(chunk, AudioLevel.of(chunk, 0, N).rmsDbfs());

            assertThat(gate.drainPreRoll(x -> { })).isZero();
        }
    }

    @Test
    void fallsBackToTheEnergyDetectorWhenNativeCodeIsMissing() {
        RealAudio.assumeNativeProcessing();
        VoiceActivityDetector detector = VoiceActivityDetectors.createPreferring(() -> {
            throw new UnsatisfiedLinkError("no webrtc-java");
        });

        assertThat(detector).isInstanceOf(EnergyVoiceActivityDetector.class);
        assertThat(VoiceActivityDetectors.createDefault()).isInstanceOf(WebRtcVoiceActivityDetector.class);
    }

    static boolean[] run(Supplier<VoiceActivityDetector> detector, VoiceActivationSettings settings, short[] signal) {
        boolean[] open = new boolean[signal.length / N];
        try (VoiceActivationGate gate = new VoiceActivationGate(detector.get(), settings)) {
            short[] chunk = new short[N];
            for (int c = 0; c < open.length; c++) {
                System.arraycopy(signal, c * N, chunk, 0, N);
                open[c] = gate.process(chunk, AudioLevel.of(chunk, 0, N).rmsDbfs());
            }
        }
        return open;
    }

    /** [first open chunk, first closed chunk after it] per open stretch. */
    static List<int[]> spurts(boolean[] open) {
        List<int[]> spurts = new ArrayList<>();
        int start = -1;
        for (int c = 0; c <= open.length; c++) {
            boolean isOpen = c < open.length && open[c];
            if (isOpen && start < 0) {
                start = c;
            } else if (!isOpen && start >= 0) {
                spurts.add(new int[] {start, c});
                start = -1;
            }
        }
        return spurts;
    }
}
