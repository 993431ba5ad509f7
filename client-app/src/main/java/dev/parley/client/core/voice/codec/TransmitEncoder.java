package dev.parley.client.core.voice.codec;

import dev.parley.client.core.voice.EncodedFrame;
import java.util.Arrays;
import java.util.Optional;

/**
 * The send side after the transmit gate: collects 10 ms chunks into frames, encodes them and numbers
 * them (sequence per packet, timestamp in 48 kHz samples that keeps running through silence). When
 * the gate closes, the spurt ends with the partial frame padded with silence and flagged END_OF_TALK,
 * or with a bare end-of-talk marker (empty payload) when the gate closed on a frame boundary.
 * <p>
 * {@link #push} is confined to the capture thread; {@link #requestBitrate} and
 * {@link #requestExpectedLossPercent} may be called from any thread and apply before the next frame.
 */
public final class TransmitEncoder {

    private static final int NO_REQUEST = -1;

    private final VoiceEncoder encoder;
    private final FrameAssembler assembler;
    private final byte[] packet = new byte[VoiceEncoder.MAX_PACKET_BYTES];
    private long nextSequence;
    /** Sample clock: position of the next chunk's first sample. */
    private long sampleClock;
    private long frameTimestamp;
    private boolean inSpurt;
    private volatile int requestedBitrate = NO_REQUEST;
    private volatile int requestedLossPercent = NO_REQUEST;

    /** @param firstSequence lets a reconnecting client continue, or start at a random point */
    public TransmitEncoder(OpusSettings settings, long firstSequence) {
        this.encoder = new VoiceEncoder(settings);
        this.assembler = new FrameAssembler(settings.frameSamples());
        this.nextSequence = firstSequence;
    }

    /**
     * Takes one 10 ms capture chunk and whether the transmit gate is open for it.
     *
     * @return the packet completed by this chunk, if any (at most one per chunk)
     */
    public Optional<EncodedFrame> push(short[] chunk, boolean transmitting) {
        long chunkTimestamp = sampleClock;
        sampleClock += OpusSettings.CHUNK_SAMPLES;
        if (!transmitting) {
            return inSpurt ? Optional.of(endSpurt()) : Optional.empty();
        }
        if (!inSpurt) {
            inSpurt = true;
            assembler.reset();
        }
        if (assembler.isEmpty()) {
            frameTimestamp = chunkTimestamp;
        }
        if (!assembler.add(chunk)) {
            return Optional.empty();
        }
        return Optional.of(encode(assembler.frame(), false));
    }

    /**
     * The microphone threw {@code samples} of audio away unsent (it had fallen too far behind the device,
     * see the input's {@code discardedMillis}). The sample clock jumps by as much, so every timestamp stays
     * the moment its audio was captured; the spurt goes on (numbering stays contiguous, nothing was lost on
     * the network).
     *
     * <p>Why: without the jump, each discard moved every later timestamp earlier than its audio by the
     * discarded amount, and listeners read that as the network having got that much slower: their jitter
     * estimate rose by the discards added up (measured through PulseAudio: 340 ms discarded in the first
     * second of a call made a listener's target 345 ms, and it then stretched the speech to reach it — a
     * standing delay of 300–600 ms for seconds). With the jump a listener sees only how late the audio
     * really was before the cut. (Ending the spurt at each cut was tried: discards come in runs, and a run of
     * one-frame spurts, each waiting out the listener's start delay, queued a second of audio.)
     */
    public void skip(long samples) {
        if (samples < 0) {
            throw new IllegalArgumentException("cannot skip a negative amount of audio: " + samples);
        }
        sampleClock += samples;
    }

    public void requestBitrate(int bitrateBps) {
        OpusSettings.defaults().withBitrate(bitrateBps); // validates on the caller's thread
        requestedBitrate = bitrateBps;
    }

    public void requestExpectedLossPercent(int lossPercent) {
        OpusSettings.defaults().withExpectedLossPercent(lossPercent);
        requestedLossPercent = lossPercent;
    }

    /** The settings in force for the next frame (read on the capture thread). */
    public OpusSettings settings() {
        return encoder.settings();
    }

    public boolean inSpurt() {
        return inSpurt;
    }

    private EncodedFrame endSpurt() {
        inSpurt = false;
        if (assembler.isEmpty()) {
            return new EncodedFrame(nextSequence++, frameTimestamp + assembler.frameSamples(), true, new byte[0]);
        }
        short[] padded = assembler.padWithSilence();
        EncodedFrame last = encode(padded, true);
        assembler.reset();
        return last;
    }

    private EncodedFrame encode(short[] frame, boolean endOfTalk) {
        applyRequests();
        int bytes = encoder.encode(frame, packet);
        return new EncodedFrame(nextSequence++, frameTimestamp, endOfTalk, Arrays.copyOf(packet, bytes));
    }

    private void applyRequests() {
        int bitrate = requestedBitrate;
        if (bitrate != NO_REQUEST) {
            requestedBitrate = NO_REQUEST;
            encoder.applyBitrate(bitrate);
        }
        int loss = requestedLossPercent;
        if (loss != NO_REQUEST) {
            requestedLossPercent = NO_REQUEST;
            encoder.applyExpectedLossPercent(loss);
        }
    }
}
