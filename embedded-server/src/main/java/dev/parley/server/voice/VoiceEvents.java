package dev.parley.server.voice;

/**
 * Callbacks from the relay to the control plane for talking indicators. Called on the relay's I/O
 * thread: implementations must return quickly and never block (hand off to the broadcaster).
 * "Talking" means the relay is receiving authentic audio from the session, whether or not anyone
 * listens; the control plane decides whom to tell (e.g. not for a muted speaker).
 */
public interface VoiceEvents {

    /**
     * The session started talking to {@code target} (0: its channel; 1..30: one of its whisper
     * targets). A change of target within a spurt is reported as a stop and a new start.
     */
    void talkingStarted(int sessionId, int target);

    /** On a frame flagged END_OF_TALK, after the talking timeout without audio, or when the session is forgotten. */
    void talkingStopped(int sessionId);

    /** Ignores everything; for rooms without talking indicators and for tests. */
    VoiceEvents NONE = new VoiceEvents() {
        @Override
        public void talkingStarted(int sessionId, int target) {
        }

        @Override
        public void talkingStopped(int sessionId) {
        }
    };
}
