package dev.parley.client.core.record;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import java.util.Arrays;

/** Test helper: a recorded stream decoded with the project's Opus decoder, pre-skip removed. */
public final class DecodedRecording {
    private DecodedRecording() {
    }

    public static short[] pcm(OggOpusReader.Stream stream) {
        VoiceDecoder decoder = new VoiceDecoder();
        short[] frame = new short[OpusSettings.MAX_FRAME_SAMPLES];
        short[] all = new short[(int) stream.lastGranule() + OpusSettings.MAX_FRAME_SAMPLES];
        int at = 0;
        for (byte[] packet : stream.packets()) {
            int samples = decoder.decode(packet, frame);
            System.arraycopy(frame, 0, all, at, samples);
            at += samples;
        }
        int from = Math.min(stream.preSkip(), at);
        return Arrays.copyOfRange(all, from, at);
    }
}
