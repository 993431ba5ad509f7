package dev.parley.client.core.audio.dsp;

/**
 * Which voice processing stages run on the microphone signal.
 *
 * @param echoCancellation removes what the speakers play from the microphone (needs the playback fed via
 *                         {@link AudioProcessor#processPlayback(short[])})
 * @param noiseSuppression removes steady background noise (fans, hum, hiss)
 * @param gainControl      adaptive digital gain towards a steady speaking level
 * @param highPassFilter   removes rumble and DC below ~80 Hz
 */
public record AudioProcessingSettings(boolean echoCancellation, boolean noiseSuppression, boolean gainControl,
                                      boolean highPassFilter) {

    /** Everything on: the recommended setting for voice chat. */
    public static AudioProcessingSettings allEnabled() {
        return new AudioProcessingSettings(true, true, true, true);
    }

    /** Everything off: samples pass through untouched. */
    public static AudioProcessingSettings allDisabled() {
        return new AudioProcessingSettings(false, false, false, false);
    }

    public boolean anyEnabled() {
        return echoCancellation || noiseSuppression || gainControl || highPassFilter;
    }

    public AudioProcessingSettings withEchoCancellation(boolean enabled) {
        return new AudioProcessingSettings(enabled, noiseSuppression, gainControl, highPassFilter);
    }

    public AudioProcessingSettings withNoiseSuppression(boolean enabled) {
        return new AudioProcessingSettings(echoCancellation, enabled, gainControl, highPassFilter);
    }

    public AudioProcessingSettings withGainControl(boolean enabled) {
        return new AudioProcessingSettings(echoCancellation, noiseSuppression, enabled, highPassFilter);
    }

    public AudioProcessingSettings withHighPassFilter(boolean enabled) {
        return new AudioProcessingSettings(echoCancellation, noiseSuppression, gainControl, enabled);
    }
}
