package dev.parley.client.core.voice.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opus decoder for one incoming speaker (48 kHz mono). Output buffers must hold
 * {@link OpusSettings#MAX_FRAME_SAMPLES} samples. A corrupt packet never throws: it is concealed
 * and counted, so one bad packet cannot stop playback. Not thread-safe: confined to the playback thread.
 */
public final class VoiceDecoder implements FrameDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceDecoder.class);

    private final OpusDecoder decoder;
    /** Length of the last frame produced; the best guess for how long a lost frame was. */
    private int lastFrameSamples;
    private long corruptPackets;

    /** @param expectedFrameSamples frame length to conceal before the first packet has been seen */
    public VoiceDecoder(int expectedFrameSamples) {
        if (expectedFrameSamples <= 0 || expectedFrameSamples > OpusSettings.MAX_FRAME_SAMPLES
                || expectedFrameSamples % 120 != 0) {
            throw new IllegalArgumentException("not an Opus frame length at 48 kHz: " + expectedFrameSamples);
        }
        try {
            this.decoder = new OpusDecoder(OpusSettings.SAMPLE_RATE, 1);
        } catch (OpusException e) {
            throw new CodecException("Cannot create Opus decoder", e);
        }
        this.lastFrameSamples = expectedFrameSamples;
    }

    public VoiceDecoder() {
        this(OpusSettings.DEFAULT_FRAME_MILLIS * OpusSettings.SAMPLES_PER_MILLI);
    }

    /** Decodes one packet; returns the number of samples written to {@code out}. */
    @Override
    public int decode(byte[] packet, short[] out) {
        return decode(packet, 0, packet.length, out);
    }

    public int decode(byte[] packet, int offset, int length, short[] out) {
        requireCapacity(out);
        try {
            int samples = decoder.decode(packet, offset, length, out, 0, OpusSettings.MAX_FRAME_SAMPLES, false);
            lastFrameSamples = samples;
            return samples;
        } catch (OpusException | RuntimeException e) {
            // Concentus signals some malformed input with runtime exceptions (index errors), not OpusException.
            corruptPackets++;
            LOG.debug("Undecodable Opus packet of {} bytes, concealing: {}", length, e.toString());
            return conceal(out);
        }
    }

    /**
     * Recovers the frame lost just before {@code nextPacket} from the FEC data inside it. Decode
     * {@code nextPacket} normally afterwards. Without FEC data Opus silently falls back to concealment.
     *
     * @return the number of samples written to {@code out}
     */
    @Override
    public int decodeFec(byte[] nextPacket, short[] out) {
        requireCapacity(out);
        int lostSamples = lostFrameSamples(nextPacket);
        try {
            return decoder.decode(nextPacket, 0, nextPacket.length, out, 0, lostSamples, true);
        } catch (OpusException | RuntimeException e) {
            corruptPackets++;
            LOG.debug("Undecodable FEC packet of {} bytes, concealing: {}", nextPacket.length, e.toString());
            return conceal(out);
        }
    }

    /** Packet loss concealment: invents one frame continuing the last one (fading towards silence). */
    @Override
    public int conceal(short[] out) {
        requireCapacity(out);
        try {
            return decoder.decode(null, 0, 0, out, 0, lastFrameSamples, false);
        } catch (OpusException | RuntimeException e) {
            LOG.debug("Opus concealment failed, writing silence: {}", e.toString());
            Arrays.fill(out, 0, lastFrameSamples, (short) 0);
            return lastFrameSamples;
        }
    }

    /** Forgets the previous talk spurt so a new one does not start with its echo. */
    public void reset() {
        decoder.resetState();
    }

    public int lastFrameSamples() {
        return lastFrameSamples;
    }

    @Override
    public long corruptPackets() {
        return corruptPackets;
    }

    private int lostFrameSamples(byte[] nextPacket) {
        if (nextPacket.length == 0) {
            return lastFrameSamples;
        }
        int samples = OpusPacketInfo.getNumSamplesPerFrame(nextPacket, 0, OpusSettings.SAMPLE_RATE);
        int frames = OpusPacketInfo.getNumFrames(nextPacket, 0, nextPacket.length);
        int total = samples * Math.max(frames, 1);
        return total > 0 && total <= OpusSettings.MAX_FRAME_SAMPLES ? total : lastFrameSamples;
    }

    private static void requireCapacity(short[] out) {
        if (out.length < OpusSettings.MAX_FRAME_SAMPLES) {
            throw new IllegalArgumentException("output buffer must hold " + OpusSettings.MAX_FRAME_SAMPLES
                    + " samples, has " + out.length);
        }
    }
}
