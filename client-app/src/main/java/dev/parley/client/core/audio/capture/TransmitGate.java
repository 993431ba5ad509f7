package dev.parley.client.core.audio.capture;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides per captured chunk whether to transmit, from the {@link TransmitMode}, the push-to-talk key, the
 * voice activation verdict and self-mute, and reports talk-spurt boundaries.
 *
 * <p>Threading: {@link #decide} and {@link #finish} belong to the capture thread, and listeners are called
 * there. The setters, {@link #isTalking()} and listener registration are safe from any thread (volatile
 * fields, copy-on-write list); a setter takes effect at the next chunk.
 */
public final class TransmitGate {

    private static final Logger LOG = LoggerFactory.getLogger(TransmitGate.class);

    /** Told when the local user starts or stops transmitting; runs on the capture thread. */
    @FunctionalInterface
    public interface TalkingListener {
        void onTalkingChanged(boolean talking);
    }

    private final List<TalkingListener> listeners = new CopyOnWriteArrayList<>();
    private volatile TransmitMode mode;
    private volatile boolean pushToTalkPressed;
    /** The whisper target whose key is held, 0 when none is. */
    private volatile int whisperTarget;
    /** Where talk goes without the whisper key: 0 = the channel, 31 = the call. */
    private volatile int baseTarget;
    /** Capture thread: where the spurt in progress (or the last one) goes; 0 = the channel. */
    private int spurtTarget;
    private volatile boolean muted;
    private volatile boolean talking;

    public TransmitGate(TransmitMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public void setMode(TransmitMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public TransmitMode mode() {
        return mode;
    }

    /** Push-to-talk key state; only matters in {@link TransmitMode#PUSH_TO_TALK}. */
    public void setPushToTalk(boolean pressed) {
        this.pushToTalkPressed = pressed;
    }

    /**
     * The whisper key: while a target (1..30) is set, transmits in every mode, to that target; 0 releases it.
     * A change of target ends the spurt in progress, so each spurt goes to one audience.
     */
    public void setWhisper(int target) {
        this.whisperTarget = target;
    }

    /** The whisper target whose key is held, or 0. */
    public int whisperTarget() {
        return whisperTarget;
    }

    /**
     * Where talk goes while the whisper key is up (0: the channel; 31: the call). A change ends the
     * spurt in progress like a change of whisper target.
     */
    public void setBaseTarget(int target) {
        this.baseTarget = target;
    }

    public int baseTarget() {
        return baseTarget;
    }

    /** Capture thread: the target of the spurt in progress or the last one (0 = the channel). */
    public int spurtTarget() {
        return spurtTarget;
    }

    /** Self-mute: nothing is transmitted in any mode while muted. */
    public void setMuted(boolean muted) {
        this.muted = muted;
    }

    public boolean isMuted() {
        return muted;
    }

    /** Whether the last decided chunk was transmitted. */
    public boolean isTalking() {
        return talking;
    }

    public void addTalkingListener(TalkingListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeTalkingListener(TalkingListener listener) {
        listeners.remove(listener);
    }

    /**
     * Decides for one chunk.
     *
     * @param voiceActive the voice activation verdict for this chunk (ignored outside
     *                    {@link TransmitMode#VOICE_ACTIVITY})
     */
    public TransmitDecision decide(boolean voiceActive) {
        int whisper = whisperTarget;
        int target = whisper != 0 ? whisper : baseTarget;
        boolean transmit = !muted && (whisper != 0 || switch (mode) {
            case PUSH_TO_TALK -> pushToTalkPressed;
            case VOICE_ACTIVITY -> voiceActive;
            case ALWAYS_ON -> true;
        });
        if (transmit && talking && target != spurtTarget) {
            // The audience changes: end this spurt where it went; the next chunk starts one to the new target.
            return transition(false);
        }
        if (transmit && !talking) {
            spurtTarget = target;
        }
        return transition(transmit);
    }

    /** Ends a running spurt because capture stops: returns {@link TransmitDecision#END} if one was running. */
    public TransmitDecision finish() {
        return transition(false);
    }

    private TransmitDecision transition(boolean transmit) {
        boolean was = talking;
        if (transmit == was) {
            return transmit ? TransmitDecision.CONTINUE : TransmitDecision.IDLE;
        }
        talking = transmit;
        for (TalkingListener listener : listeners) {
            try {
                listener.onTalkingChanged(transmit);
            } catch (RuntimeException e) {
                // a faulty observer must not stop the microphone
                LOG.warn("Talking listener failed", e);
            }
        }
        return transmit ? TransmitDecision.START : TransmitDecision.END;
    }
}
