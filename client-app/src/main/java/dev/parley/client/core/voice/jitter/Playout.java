package dev.parley.client.core.voice.jitter;

import dev.parley.client.core.voice.EncodedFrame;

/**
 * What the playback side should do for the next frame slot, as decided by {@link JitterBuffer#pull}.
 *
 * @param action what to do
 * @param frame  for {@link Action#PLAY}, the frame to decode; for {@link Action#RECOVER}, the frame
 *               <em>after</em> the lost one, whose FEC data rebuilds it; otherwise null
 * @param expansionWasLoss the buffer had been expanding (concealing while it waited) for the frame slot before
 *               this one, and a later packet has come instead: that frame is lost, and the last expansion
 *               already filled its place. It counts as that loss's concealment, not as added delay, and
 *               nothing more is played for it (the delay does not grow by a loss).
 */
public record Playout(Action action, EncodedFrame frame, boolean expansionWasLoss) {

    public enum Action {
        /** Decode {@code frame}. */
        PLAY,
        /** The frame for this slot is lost but the next one is here: decode its FEC data. */
        RECOVER,
        /** The frame for this slot is lost (a later one is here, or the wait was too long): conceal (PLC). */
        CONCEAL,
        /**
         * Nothing is here to play yet (a late packet, a stall): conceal one frame but keep waiting for this
         * slot's packet, so the playout delay grows by a frame instead of the frame being given up.
         */
        EXPAND,
        /** The talk spurt just ended: conceal one frame and fade it to silence so the end is not a click. */
        FADE_OUT,
        /** Nobody is talking: play silence. */
        SILENCE
    }

    static final Playout CONCEAL = new Playout(Action.CONCEAL, null, false);
    static final Playout EXPAND = new Playout(Action.EXPAND, null, false);
    static final Playout FADE_OUT = new Playout(Action.FADE_OUT, null, false);
    static final Playout SILENCE = new Playout(Action.SILENCE, null, false);

    public Playout {
        boolean needsFrame = action == Action.PLAY || action == Action.RECOVER;
        if (needsFrame != (frame != null)) {
            throw new IllegalArgumentException(action + (needsFrame ? " needs a frame" : " takes no frame"));
        }
    }

    public Playout(Action action, EncodedFrame frame) {
        this(action, frame, false);
    }

    static Playout play(EncodedFrame frame) {
        return new Playout(Action.PLAY, frame, false);
    }

    static Playout recoverFrom(EncodedFrame nextFrame) {
        return new Playout(Action.RECOVER, nextFrame, false);
    }

    /** This decision, for the slot after one whose loss the last expansion already covered. */
    Playout afterExpandedLoss() {
        return new Playout(action, frame, true);
    }
}
