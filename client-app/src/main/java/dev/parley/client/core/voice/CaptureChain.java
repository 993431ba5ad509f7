package dev.parley.client.core.voice;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.capture.CapturePipeline;
import dev.parley.client.core.audio.capture.TransmitGate;
import dev.parley.client.core.audio.dsp.AudioProcessor;
import dev.parley.client.core.audio.dsp.LevelMeter;
import dev.parley.client.core.audio.vad.VoiceActivationGate;
import dev.parley.client.core.audio.vad.VoiceActivityDetectors;
import dev.parley.client.core.voice.codec.TransmitEncoder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Microphone to numbered Opus packets: input → processing → level meter → voice activation → transmit
 * gate → encoder. Packets go to a consumer on the capture thread ({@code parley-capture}), which must not
 * block. Start and close from any thread; the gate's setters are thread-safe.
 */
final class CaptureChain implements AutoCloseable {

    private final AudioProcessor processor;
    private final VoiceActivationGate activation;
    private final TransmitGate gate;
    private final CapturePipeline pipeline;
    private final AudioInput input;
    private final VoiceSettings settings;

    CaptureChain(AudioInput input, VoiceSettings settings, LevelMeter.Listener levels, Consumer<EncodedFrame> packets) {
        this.input = input;
        this.settings = settings;
        this.processor = AudioProcessor.create(settings.processing());
        this.activation = new VoiceActivationGate(VoiceActivityDetectors.createDefault(), settings.activation());
        this.gate = new TransmitGate(settings.transmitMode());
        // A random first sequence, so a listener never mistakes a new stream for the old one's duplicates.
        TransmitEncoder encoder = new TransmitEncoder(settings.opus(), ThreadLocalRandom.current().nextInt(1 << 16));
        this.pipeline = new CapturePipeline(input, processor, new LevelMeter(levels), activation, gate,
                new EncodingSink(encoder, packets));
    }

    AudioProcessor processor() {
        return processor;
    }

    TransmitGate gate() {
        return gate;
    }

    VoiceActivationGate activation() {
        return activation;
    }

    /** Starts capturing on the capture thread, once the capture path is warm ({@link CaptureWarmUp}). */
    void start() {
        pipeline.start(() -> CaptureWarmUp.once(settings));
    }

    /** Whether the microphone is being read (the warm-up before it is over); any thread. */
    boolean isCapturing() {
        return pipeline.isCapturing();
    }

    boolean isRunning() {
        return pipeline.isRunning();
    }

    /** The microphone's re-opens so far and which device captures now; any thread. */
    InputHealth inputHealth() {
        return input.health();
    }

    @Override
    public void close() {
        pipeline.close();
        activation.close();
        processor.close();
    }

    /** Encodes what the gate lets through; capture thread. */
    private static final class EncodingSink implements CapturePipeline.Sink {
        private final TransmitEncoder encoder;
        private final Consumer<EncodedFrame> packets;
        private final short[] silence = PcmFormat.newChunk();

        EncodingSink(TransmitEncoder encoder, Consumer<EncodedFrame> packets) {
            this.encoder = encoder;
            this.packets = packets;
        }

        @Override
        public void transmit(short[] chunk) {
            encoder.push(chunk, true).ifPresent(packets);
        }

        @Override
        public void endOfTalkSpurt() {
            encoder.push(silence, false).ifPresent(packets);
        }

        @Override
        public void skipped(long samples) {
            encoder.skip(samples);
        }
    }
}
