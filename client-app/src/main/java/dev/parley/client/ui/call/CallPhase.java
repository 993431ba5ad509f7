package dev.parley.client.ui.call;

/** What the call bar shows. */
public enum CallPhase {
    /** No call: the bar is hidden. */
    NONE,
    /** I called; it rings at theirs ("Calling bob…", Cancel). */
    CALLING,
    /** They call me ("ann is calling", Accept / Decline). */
    INCOMING,
    /** Answered ("In a call with bob", Hang up, talking to call or channel). */
    ACTIVE,
    /** Just ended or refused: a short sentence that goes away by itself. */
    ENDED
}
