package dev.parley.protocol.voice;

import java.util.Objects;

/** What opening a datagram gave: the authenticated body, or why it was refused. Never an exception. */
public sealed interface OpenResult {

    /**
     * An authenticated datagram.
     *
     * @param keySessionId the session whose key opened it
     * @param counter      its counter, already checked against the replay window when it came from a
     *                     {@link VoiceLink}
     */
    record Opened(int keySessionId, long counter, VoiceBody body) implements OpenResult {
        public Opened {
            Objects.requireNonNull(body, "body");
            if (counter < 0) {
                throw new IllegalArgumentException("counter must not be negative: " + counter);
            }
        }
    }

    record Rejected(RejectReason reason) implements OpenResult {
        private static final Rejected[] CACHED = cacheAll();

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        /** Shared instances, so refusing a flood of junk allocates nothing. */
        public static Rejected of(RejectReason reason) {
            return CACHED[reason.ordinal()];
        }

        private static Rejected[] cacheAll() {
            RejectReason[] reasons = RejectReason.values();
            Rejected[] all = new Rejected[reasons.length];
            for (RejectReason reason : reasons) {
                all[reason.ordinal()] = new Rejected(reason);
            }
            return all;
        }
    }
}
