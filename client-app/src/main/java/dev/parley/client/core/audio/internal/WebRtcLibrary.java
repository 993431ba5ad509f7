package dev.parley.client.core.audio.internal;

import dev.onvoid.webrtc.media.audio.AudioProcessing;

/** Loads webrtc-java's native library once; thread-safe (class initialisation does the locking). */
public final class WebRtcLibrary {

    private WebRtcLibrary() {
    }

    /**
     * Makes sure the native library is loaded. {@code AudioProcessing}'s static initialiser loads it, while
     * {@code VoiceActivityDetector} assumes someone already did.
     *
     * @throws LinkageError or a runtime exception if it cannot be loaded (no libpulse0, unsupported OS)
     */
    public static void load() {
        try {
            Class.forName(AudioProcessing.class.getName(), true, WebRtcLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new NoClassDefFoundError(e.getMessage());
        }
    }
}
