package dev.parley.client.core.voice;

import dev.parley.protocol.voice.AudioFrame;

/**
 * Which voice a recording keeps, by the voice target in each frame's flags: the channel's talk
 * (target 0), or the call's (target 31). Whispers (1..30) belong to neither and are never recorded.
 */
public enum RecordedAudio {
    CHANNEL(AudioFrame.CHANNEL_TARGET),
    CALL(AudioFrame.CALL_TARGET);

    private final int target;

    RecordedAudio(int target) {
        this.target = target;
    }

    /** The voice target of the frames this recording keeps. */
    public int target() {
        return target;
    }
}
