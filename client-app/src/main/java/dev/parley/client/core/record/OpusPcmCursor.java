package dev.parley.client.core.record;

import dev.parley.client.core.audio.PcmFormat;
import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an Ogg Opus stream as 10 ms chunks of 48 kHz mono from any position: decodes packet by packet,
 * drops the pre-skip at the start and what lies past the last granule at the end (RFC 7845 §4), mixes a
 * stereo stream down to mono. A seek starts the decoder afresh at the start of the page holding a point
 * {@link #PRE_ROLL_SAMPLES} before the target and throws away what comes before the target, so the
 * decoder has settled by then. Not thread-safe: the playback thread's.
 */
final class OpusPcmCursor {
    private static final Logger LOG = LoggerFactory.getLogger(OpusPcmCursor.class);
    /** RFC 7845 §4.6: decode at least 80 ms before a seek target for the output to have converged. */
    static final int PRE_ROLL_SAMPLES = 80 * 48;
    /** The longest packet Opus allows: 120 ms. */
    private static final int MAX_PACKET_SAMPLES = 5760;

    private final List<byte[]> packets;
    /** Granule position at which each packet's audio starts. */
    private final long[] packetStart;
    /** Index of the first packet that starts on each page: where a seek may begin decoding. */
    private final int[] pageFirstPacket;
    private final int channels;
    private final int preSkip;
    private final long endGranule;
    private final short[] decoded;
    private final short[] mono = new short[MAX_PACKET_SAMPLES];
    private OpusDecoder decoder;
    private int nextPacket;
    private int frameLength;
    private int frameAt;
    /** Granule position of the next sample handed out. */
    private long granule;
    private long undecodable;

    OpusPcmCursor(OggOpusReader.Stream stream) {
        this.channels = Math.max(1, Math.min(2, stream.channels()));
        this.preSkip = stream.preSkip();
        this.packets = stream.packets();
        this.decoded = new short[MAX_PACKET_SAMPLES * channels];
        List<OggOpusReader.Page> pages = stream.audioPages();
        packetStart = new long[packets.size() + 1];
        pageFirstPacket = new int[pages.size()];
        // The first page's granule counts the samples ending on it; the stream starts that much earlier.
        long first = pages.isEmpty() ? 0 : pages.get(0).granule();
        for (byte[] packet : pages.isEmpty() ? List.<byte[]>of() : pages.get(0).packets()) {
            first -= Math.max(0, OpusPackets.samples(packet));
        }
        packetStart[0] = Math.max(0, first);
        for (int i = 0; i < packets.size(); i++) {
            packetStart[i + 1] = packetStart[i] + Math.max(0, OpusPackets.samples(packets.get(i)));
        }
        int at = 0;
        for (int p = 0; p < pages.size(); p++) {
            pageFirstPacket[p] = at;
            at += pages.get(p).packets().size();
        }
        this.endGranule = stream.lastGranule();
        seek(0);
    }

    /** Playable samples (48 kHz). */
    long duration() {
        return Math.max(0, endGranule - preSkip);
    }

    /** Samples handed out so far from the start of the playable audio. */
    long position() {
        return Math.max(0, granule - preSkip);
    }

    /** Packets that did not decode and were played as silence. */
    long undecodable() {
        return undecodable;
    }

    /** Moves to {@code sample} (clamped to the playable range). */
    void seek(long sample) {
        long target = Math.max(0, Math.min(sample, duration())) + preSkip;
        long preRoll = Math.max(0, target - PRE_ROLL_SAMPLES);
        int page = 0;
        for (int p = 0; p < pageFirstPacket.length; p++) {
            if (packetStart[pageFirstPacket[p]] <= preRoll) {
                page = p;
            }
        }
        decoder = newDecoder();
        nextPacket = pageFirstPacket.length == 0 ? 0 : pageFirstPacket[page];
        granule = packetStart[nextPacket];
        frameLength = 0;
        frameAt = 0;
        while (granule < target) {
            if (frameAt == frameLength && !decodeNext()) {
                break;
            }
            int skip = (int) Math.min(frameLength - frameAt, target - granule);
            frameAt += skip;
            granule += skip;
        }
    }

    /**
     * Fills {@code chunk} (one 10 ms chunk) with the next audio; a last partial chunk ends in silence.
     *
     * @return false when the stream has ended (and {@code chunk} is untouched)
     */
    boolean next(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        int filled = 0;
        while (filled < chunk.length && granule < endGranule) {
            if (frameAt == frameLength) {
                if (!decodeNext()) {
                    break;
                }
                continue;
            }
            int n = (int) Math.min(Math.min(chunk.length - filled, frameLength - frameAt), endGranule - granule);
            System.arraycopy(mono, frameAt, chunk, filled, n);
            filled += n;
            frameAt += n;
            granule += n;
        }
        if (filled == 0) {
            return false;
        }
        Arrays.fill(chunk, filled, chunk.length, (short) 0);
        return true;
    }

    private boolean decodeNext() {
        if (nextPacket >= packets.size()) {
            return false;
        }
        byte[] packet = packets.get(nextPacket++);
        int samples;
        try {
            samples = decoder.decode(packet, 0, packet.length, decoded, 0, MAX_PACKET_SAMPLES, false);
        } catch (OpusException | RuntimeException e) {
            // Concentus reports some malformed input with runtime exceptions. Silence of the packet's length
            // keeps the timeline (and the other speakers' files) lined up.
            undecodable++;
            LOG.debug("Undecodable Opus packet of {} bytes, playing silence: {}", packet.length, e.toString());
            samples = Math.max(0, OpusPackets.samples(packet));
            Arrays.fill(decoded, 0, samples * channels, (short) 0);
        }
        if (channels == 1) {
            System.arraycopy(decoded, 0, mono, 0, samples);
        } else {
            for (int i = 0; i < samples; i++) {
                mono[i] = (short) ((decoded[2 * i] + decoded[2 * i + 1]) / 2);
            }
        }
        frameLength = samples;
        frameAt = 0;
        return true;
    }

    private OpusDecoder newDecoder() {
        try {
            return new OpusDecoder(48_000, channels);
        } catch (OpusException e) {
            throw new IllegalStateException("Cannot create an Opus decoder", e);
        }
    }
}
