package dev.parley.client.core.voice.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusBandwidth;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

/**
 * Opus encoder for one outgoing voice stream (48 kHz mono, VOIP application, voice signal).
 * Not thread-safe: confined to the capture/encode thread; {@link #applyBitrate} and
 * {@link #applyExpectedLossPercent} must be called from that thread too (hand changes over, e.g. via
 * a volatile field the encode loop reads before each frame).
 */
public final class VoiceEncoder {

    /** The encoder never makes a larger packet: the RFC 6716 limit, which the voice wire format enforces too. */
    public static final int MAX_PACKET_BYTES = 1275;

    private final OpusEncoder encoder;
    private OpusSettings settings;

    public VoiceEncoder(OpusSettings settings) {
        try {
            this.encoder = new OpusEncoder(OpusSettings.SAMPLE_RATE, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new CodecException("Cannot create Opus encoder", e);
        }
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        this.settings = settings;
        configure(settings);
    }

    public OpusSettings settings() {
        return settings;
    }

    public int frameSamples() {
        return settings.frameSamples();
    }

    /**
     * Encodes exactly one frame ({@link OpusSettings#frameSamples()} samples) into {@code out}.
     *
     * @return the number of bytes written to {@code out}
     */
    public int encode(short[] pcm, byte[] out) {
        int frameSamples = settings.frameSamples();
        if (pcm.length != frameSamples) {
            throw new IllegalArgumentException("expected one frame of " + frameSamples + " samples, got " + pcm.length);
        }
        try {
            return encoder.encode(pcm, 0, frameSamples, out, 0, Math.min(out.length, MAX_PACKET_BYTES));
        } catch (OpusException e) {
            throw new CodecException("Opus encode failed", e);
        }
    }

    /** Changes the bitrate at run time; the wideband cap for low-bitrate FEC follows. */
    public void applyBitrate(int bitrateBps) {
        settings = settings.withBitrate(bitrateBps);
        encoder.setBitrate(bitrateBps);
        applyBandwidthCap();
    }

    /** Tells the encoder how much loss to plan FEC for, e.g. from the relay's measured loss. */
    public void applyExpectedLossPercent(int lossPercent) {
        settings = settings.withExpectedLossPercent(lossPercent);
        encoder.setPacketLossPercent(lossPercent);
    }

    private void configure(OpusSettings s) {
        encoder.setBitrate(s.bitrateBps());
        encoder.setComplexity(s.complexity());
        encoder.setUseInbandFEC(s.inbandFec());
        encoder.setPacketLossPercent(s.expectedLossPercent());
        encoder.setUseDTX(s.dtx());
        applyBandwidthCap();
    }

    private void applyBandwidthCap() {
        // See OpusSettings.FULLBAND_FEC_MIN_BITRATE_BPS: below ~28 kbps full-band FEC carries nothing.
        encoder.setMaxBandwidth(settings.capsBandwidthForFec()
                ? OpusBandwidth.OPUS_BANDWIDTH_WIDEBAND
                : OpusBandwidth.OPUS_BANDWIDTH_FULLBAND);
    }
}
