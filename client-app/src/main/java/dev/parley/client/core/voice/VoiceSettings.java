package dev.parley.client.core.voice;

import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.audio.vad.VoiceActivationSettings;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.net.TransportSettings;
import java.util.Objects;

/**
 * Everything the {@link VoiceEngine} is tuned by. Immutable; start from {@link #defaults()}.
 *
 * @param transmitMode when the microphone is sent
 * @param opus         encoder settings (20 ms, 32 kbps, FEC by default)
 * @param processing   echo cancellation, noise suppression, gain control, high-pass filter
 * @param activation   voice activation threshold, hysteresis, hangover and pre-roll
 * @param jitter       the receive jitter buffer
 * @param transport    UDP/tunnel timers
 */
public record VoiceSettings(TransmitMode transmitMode, OpusSettings opus, AudioProcessingSettings processing,
                            VoiceActivationSettings activation, JitterSettings jitter, TransportSettings transport) {

    public VoiceSettings {
        Objects.requireNonNull(transmitMode, "transmitMode");
        Objects.requireNonNull(opus, "opus");
        Objects.requireNonNull(processing, "processing");
        Objects.requireNonNull(activation, "activation");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(transport, "transport");
    }

    /** Voice activation, default Opus, all processing on, default jitter buffer and transport. */
    public static VoiceSettings defaults() {
        return new VoiceSettings(TransmitMode.VOICE_ACTIVITY, OpusSettings.defaults(),
                AudioProcessingSettings.allEnabled(), VoiceActivationSettings.defaults(), JitterSettings.defaults(),
                TransportSettings.defaults());
    }

    public VoiceSettings withTransmitMode(TransmitMode value) {
        return new VoiceSettings(value, opus, processing, activation, jitter, transport);
    }

    public VoiceSettings withOpus(OpusSettings value) {
        return new VoiceSettings(transmitMode, value, processing, activation, jitter, transport);
    }

    public VoiceSettings withProcessing(AudioProcessingSettings value) {
        return new VoiceSettings(transmitMode, opus, value, activation, jitter, transport);
    }

    public VoiceSettings withActivation(VoiceActivationSettings value) {
        return new VoiceSettings(transmitMode, opus, processing, value, jitter, transport);
    }

    public VoiceSettings withJitter(JitterSettings value) {
        return new VoiceSettings(transmitMode, opus, processing, activation, value, transport);
    }

    public VoiceSettings withTransport(TransportSettings value) {
        return new VoiceSettings(transmitMode, opus, processing, activation, jitter, value);
    }
}
