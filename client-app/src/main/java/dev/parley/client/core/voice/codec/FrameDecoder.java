package dev.parley.client.core.voice.codec;

/**
 * What the receive pipeline needs from a decoder: decode a packet, rebuild a lost frame from the next
 * packet's FEC data, or conceal a frame. Output arrays hold {@link OpusSettings#MAX_FRAME_SAMPLES}
 * samples; each call returns how many it wrote. {@link VoiceDecoder} is the real one; tests of the
 * playout timing can use a cheap synthetic one. Implementations are confined to the playback thread.
 */
public interface FrameDecoder {

    int decode(byte[] packet, short[] out);

    int decodeFec(byte[] nextPacket, short[] out);

    int conceal(short[] out);

    /** Packets that could not be decoded (concealed instead). */
    long corruptPackets();
}
