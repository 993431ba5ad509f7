package dev.parley.client.core.audio.dsp;

import dev.onvoid.webrtc.media.audio.AudioProcessing;
import dev.onvoid.webrtc.media.audio.AudioProcessingConfig;
import dev.onvoid.webrtc.media.audio.AudioProcessingStreamConfig;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.internal.WebRtcLibrary;

/** {@link ProcessingEngine} on webrtc-java's {@link AudioProcessing}; threading as the interface says. */
final class WebRtcProcessingEngine implements ProcessingEngine {

    private final AudioProcessing processing;
    private final AudioProcessingStreamConfig streamConfig =
            new AudioProcessingStreamConfig(PcmFormat.SAMPLE_RATE, PcmFormat.CHANNELS);

    WebRtcProcessingEngine() {
        WebRtcLibrary.load();
        this.processing = new AudioProcessing();
    }

    @Override
    public void apply(AudioProcessingSettings settings) {
        AudioProcessingConfig config = new AudioProcessingConfig();
        config.echoCanceller.enabled = settings.echoCancellation();
        config.noiseSuppression.enabled = settings.noiseSuppression();
        config.noiseSuppression.level = AudioProcessingConfig.NoiseSuppression.Level.HIGH;
        config.gainControl.enabled = settings.gainControl();
        config.gainControl.adaptiveDigital.enabled = settings.gainControl();
        config.highPassFilter.enabled = settings.highPassFilter();
        processing.applyConfig(config);
    }

    @Override
    public void setStreamDelayMs(int delayMs) {
        processing.setStreamDelayMs(delayMs);
    }

    @Override
    public boolean processCapture(byte[] src, byte[] dst) {
        requireChunkBytes(src);
        requireChunkBytes(dst);
        return processing.processStream(src, streamConfig, streamConfig, dst) == 0;
    }

    @Override
    public void processPlayback(byte[] src, byte[] dst) {
        requireChunkBytes(src);
        requireChunkBytes(dst);
        processing.processReverseStream(src, streamConfig, streamConfig, dst);
    }

    @Override
    public void close() {
        processing.dispose();
    }

    /** A wrong size can crash the JVM in native code (FIELD-NOTES), so it never gets that far. */
    private static void requireChunkBytes(byte[] buffer) {
        if (buffer.length != PcmFormat.CHUNK_BYTES) {
            throw new IllegalArgumentException("native processing needs exactly " + PcmFormat.CHUNK_BYTES
                    + " bytes, got " + buffer.length);
        }
    }
}
