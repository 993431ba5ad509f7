package dev.parley.client.core.e2e;

/** Whether a member's identity key is the one this user checked. */
public enum Verification {
    /** The safety number was compared and the key has not changed since. */
    VERIFIED,
    /** Never compared: the key is whatever the room handed out. */
    UNVERIFIED,
    /** Compared once, but the room now hands out another key: a new device, or someone in the middle. */
    CHANGED,
    /** The account has no identity key yet, so no copy of a channel key can be sealed for it. */
    NO_KEY
}
