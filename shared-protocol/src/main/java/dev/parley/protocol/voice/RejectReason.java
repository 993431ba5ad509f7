package dev.parley.protocol.voice;

/** Why a datagram was not accepted. Rejections are normal traffic on an open UDP port, not errors. */
public enum RejectReason {
    /** Shorter than a header plus a tag (includes empty). */
    TOO_SHORT,
    /** Longer than {@link VoiceWire#MAX_DATAGRAM_BYTES}. */
    TOO_LONG,
    /** A version byte this build does not speak. */
    UNSUPPORTED_VERSION,
    UNKNOWN_KIND,
    /** The counter has its top bit set; counters stay below 2^63. */
    BAD_COUNTER,
    /** The ciphertext length does not fit the kind's body (checked before any crypto). */
    BAD_LENGTH,
    /** The header names another session's key than the one this end holds. */
    WRONG_SESSION,
    /** GCM authentication failed: wrong key, wrong direction, or tampered bytes. */
    BAD_TAG,
    /** Authentic, but the body breaks its record's rules (a buggy or hostile peer holding the key). */
    MALFORMED_BODY,
    /** Authentic, but its counter was already seen or is older than the replay window. */
    REPLAYED
}
