package dev.parley.client.core.audio.capture;

/** When the microphone is sent. */
public enum TransmitMode {
    /** Only while the push-to-talk key is held. */
    PUSH_TO_TALK,
    /** While the voice activation gate is open. */
    VOICE_ACTIVITY,
    /** Always (an open microphone). */
    ALWAYS_ON
}
