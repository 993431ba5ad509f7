package dev.parley.client.core.voice.receive;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.EncodedFrame;
import dev.parley.client.core.voice.jitter.JitterBuffer;
import dev.parley.client.core.voice.jitter.JitterSettings;
import dev.parley.client.core.voice.jitter.Playout;
import dev.parley.client.core.voice.jitter.SequenceUnwrapper;
import dev.parley.client.core.voice.mix.MixSource;
import java.util.Arrays;

/**
 * The receive pipeline of one speaker: jitter buffer, Opus decoder (FEC for a single lost packet,
 * PLC beyond) and re-chunking of decoded frames into 10 ms chunks for the mixer.
 * Thread-safe in the one way it is used: {@link #offer} from the network thread, {@link #read} and
 * everything else from the playback thread; {@link #stats()} and {@link #isTalking()} from any thread.
 */
public final class SpeakerStream implements MixSource {

    private final int speakerId;
    private final JitterBuffer jitter;
    private final VoiceDecoder decoder = new VoiceDecoder();
    private final SequenceUnwrapper sequences = new SequenceUnwrapper();
    private final SequenceUnwrapper timestamps = new SequenceUnwrapper();
    private final short[] frame = new short[OpusSettings.MAX_FRAME_SAMPLES];
    private int frameLength;
    private int framePosition;
    private volatile long lastOfferNanos;

    // Written only by the playback thread; volatile so stats() may read them from elsewhere.
    private volatile long decodedFrames;
    private volatile long fecFrames;
    private volatile long concealedFrames;
    private volatile long fadeOuts;

    public SpeakerStream(int speakerId, JitterSettings settings, long createdNanos) {
        this.speakerId = speakerId;
        this.jitter = new JitterBuffer(settings);
        this.lastOfferNanos = createdNanos;
    }

    @Override
    public int speakerId() {
        return speakerId;
    }

    /** Hands over a packet that arrived at {@code nowNanos}; network thread. */
    public boolean offer(EncodedFrame packet, long nowNanos) {
        lastOfferNanos = nowNanos;
        return jitter.offer(packet, nowNanos);
    }

    /**
     * Hands over a packet as it came off the wire, with its 32-bit wrapping sequence and timestamp;
     * network thread.
     */
    public boolean offerWire(int sequence, int timestamp, boolean endOfTalk, byte[] payload, long nowNanos) {
        EncodedFrame frame = new EncodedFrame(sequences.unwrap(sequence), timestamps.unwrap(timestamp), endOfTalk,
                payload);
        return offer(frame, nowNanos);
    }

    /**
     * Fills {@code chunk} (10 ms, {@link OpusSettings#CHUNK_SAMPLES} samples) with this speaker's
     * audio for the slot starting at {@code nowNanos}; playback thread.
     *
     * @return true if the chunk carries audio, false if the speaker is silent (chunk is zeros)
     */
    @Override
    public boolean read(short[] chunk, long nowNanos) {
        int filled = 0;
        boolean audible = false;
        while (filled < chunk.length) {
            if (framePosition == frameLength && !nextFrame(nowNanos)) {
                Arrays.fill(chunk, filled, chunk.length, (short) 0);
                return audible;
            }
            int n = Math.min(chunk.length - filled, frameLength - framePosition);
            System.arraycopy(frame, framePosition, chunk, filled, n);
            framePosition += n;
            filled += n;
            audible = true;
        }
        return true;
    }

    /** Whether a talk spurt is being played out now (the mixer's "is talking" light). */
    @Override
    public boolean isTalking() {
        return jitter.isTalking();
    }

    public long lastOfferNanos() {
        return lastOfferNanos;
    }

    public ReceiveStats stats() {
        return new ReceiveStats(decodedFrames, fecFrames, concealedFrames, fadeOuts, decoder.corruptPackets(),
                jitter.stats());
    }

    private boolean nextFrame(long nowNanos) {
        Playout playout = jitter.pull(nowNanos);
        switch (playout.action()) {
            case PLAY -> {
                frameLength = decoder.decode(playout.frame().payload(), frame);
                decodedFrames++;
            }
            case RECOVER -> {
                frameLength = decoder.decodeFec(playout.frame().payload(), frame);
                fecFrames++;
            }
            case CONCEAL -> {
                frameLength = decoder.conceal(frame);
                concealedFrames++;
            }
            case FADE_OUT -> {
                frameLength = decoder.conceal(frame);
                fadeOut(frame, frameLength);
                fadeOuts++;
            }
            case SILENCE -> {
                frameLength = 0;
                framePosition = 0;
                return false;
            }
        }
        framePosition = 0;
        return frameLength > 0;
    }

    /** Ramps the concealed continuation down to zero so a spurt ends without a click. */
    private static void fadeOut(short[] pcm, int length) {
        if (length < 2) {
            Arrays.fill(pcm, 0, length, (short) 0);
            return;
        }
        for (int i = 0; i < length; i++) {
            pcm[i] = (short) (pcm[i] * (length - 1 - i) / (length - 1));
        }
    }
}
