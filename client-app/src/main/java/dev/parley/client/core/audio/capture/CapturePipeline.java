package dev.parley.client.core.audio.capture;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.audio.dsp.AudioProcessor;
import dev.parley.client.core.audio.dsp.LevelMeter;
import dev.parley.client.core.audio.vad.VoiceActivationGate;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capture side of the voice engine: input chunk → {@link AudioProcessor} → {@link LevelMeter} →
 * {@link VoiceActivationGate} → {@link TransmitGate} → {@link Sink}. The sink receives the 10 ms chunks to
 * encode and send (in voice-activity mode the pre-roll first) and a signal when a talk spurt ends.
 *
 * <p>Threading: {@link #run()} is the capture loop and owns every stage; call it on a thread of your own or
 * use {@link #start()}, which runs it on a thread named {@code parley-capture}. {@link #close()} is safe
 * from any thread. The pipeline does not own the stages: close them after the pipeline.
 */
public final class CapturePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CapturePipeline.class);

    /** Receives what should be sent; called on the capture thread, so it must not block for long. */
    public interface Sink {
        /** One processed 10 ms chunk to encode and send; the array is reused after the call returns. */
        void transmit(short[] chunk);

        /** The chunk last passed to {@link #transmit} was the final one of a talk spurt. */
        void endOfTalkSpurt();

        /**
         * The input threw {@code samples} (48 kHz) of captured audio away before the next chunk (it had fallen
         * too far behind the device): the next chunk does not follow on from the last one.
         */
        default void skipped(long samples) {
        }
    }

    private final AudioInput input;
    private final AudioProcessor processor;
    private final LevelMeter levelMeter;
    private final VoiceActivationGate voiceGate;
    private final TransmitGate transmitGate;
    private final Sink sink;
    private final short[] raw = PcmFormat.newChunk();
    private final short[] processed = PcmFormat.newChunk();
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile boolean capturing;
    private long failedChunks;
    /** Capture thread: the input's discarded audio as last seen. */
    private long discardedMillis;

    public CapturePipeline(AudioInput input, AudioProcessor processor, LevelMeter levelMeter,
                           VoiceActivationGate voiceGate, TransmitGate transmitGate, Sink sink) {
        this.input = Objects.requireNonNull(input, "input");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.levelMeter = Objects.requireNonNull(levelMeter, "levelMeter");
        this.voiceGate = Objects.requireNonNull(voiceGate, "voiceGate");
        this.transmitGate = Objects.requireNonNull(transmitGate, "transmitGate");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Runs {@link #run()} on a new thread named {@code parley-capture}; call once. */
    public synchronized void start() {
        start(() -> { });
    }

    /**
     * Runs {@code beforeCapture} and then {@link #run()} on a new thread named {@code parley-capture}; call
     * once. {@code beforeCapture} runs before the input starts (so no audio piles up meanwhile); if it fails,
     * capture starts anyway.
     */
    public synchronized void start(Runnable beforeCapture) {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(() -> {
            try {
                beforeCapture.run();
            } catch (RuntimeException e) {
                LOG.warn("Preparing capture failed; capturing anyway", e);
            }
            run();
        }, "parley-capture");
        t.setDaemon(true);
        // An audio thread: a capture stall is heard by everyone (the OS may ignore Java priorities).
        t.setPriority(Thread.MAX_PRIORITY);
        thread = t;
        t.start();
    }

    /**
     * The capture loop: runs until the input ends, fails or {@link #close()} is called, then ends a running
     * talk spurt. A chunk whose processing fails is dropped and the loop goes on.
     */
    public void run() {
        try {
            input.start();
            capturing = true;
            discardedMillis = input.health().discardedMillis();
            while (!closed && input.read(raw)) {
                try {
                    noteDiscards();
                    handle(raw);
                } catch (RuntimeException e) {
                    // one bad chunk (or a faulty sink) must not silence the microphone for good
                    if (failedChunks++ == 0) {
                        LOG.warn("Dropping a captured chunk that failed to process", e);
                    } else {
                        LOG.debug("Dropping failed chunk #{}: {}", failedChunks, e.toString());
                    }
                }
            }
        } catch (AudioDeviceException e) {
            LOG.error("Capture from {} stopped: {}", input.description(), e.getMessage());
        } finally {
            if (transmitGate.finish() == TransmitDecision.END) {
                sink.endOfTalkSpurt();
            }
        }
    }

    /** Tells the sink when the input discarded audio before the chunk just read (see {@link Sink#skipped}). */
    private void noteDiscards() {
        long discarded = input.health().discardedMillis();
        if (discarded > discardedMillis) {
            sink.skipped((discarded - discardedMillis) * PcmFormat.SAMPLE_RATE / 1000);
            discardedMillis = discarded;
        }
    }

    private void handle(short[] chunk) {
        processor.processCapture(chunk, processed);
        AudioLevel level = levelMeter.process(processed);
        boolean voice = voiceGate.process(processed, level.rmsDbfs());
        TransmitDecision decision = transmitGate.decide(voice);
        switch (decision) {
            case START -> {
                if (transmitGate.mode() == TransmitMode.VOICE_ACTIVITY) {
                    voiceGate.drainPreRoll(sink::transmit);
                }
                sink.transmit(processed);
            }
            case CONTINUE -> sink.transmit(processed);
            case END -> sink.endOfTalkSpurt();
            case IDLE -> {
                // nothing to send
            }
        }
    }

    /** Stops the loop and closes the input; waits up to a second for a {@link #start()}ed thread to end. */
    @Override
    public void close() {
        closed = true;
        input.close();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                LOG.warn("Capture thread did not stop within a second");
            }
        }
    }

    /** Whether the input has started (after any preparation passed to {@link #start(Runnable)}); any thread. */
    public boolean isCapturing() {
        return capturing;
    }

    /** Whether a {@link #start()}ed capture thread is still running. */
    public boolean isRunning() {
        Thread t = thread;
        return t != null && t.isAlive();
    }
}
