package dev.parley.client.core.record;

import dev.parley.client.core.audio.Signals;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Test recording: a 1 kHz tone for {@code toneSeconds}, then digital silence for {@code silenceSeconds},
 * encoded with the voice encoder (20 ms frames, as voice arrives) and written as a recorder track.
 */
public final class ToneRecording {
    public static final int FRAME = 960;

    private ToneRecording() {
    }

    public static Path write(Path file, double toneSeconds, double silenceSeconds) throws IOException {
        int tone = (int) Math.round(toneSeconds * 48_000);
        short[] pcm = Arrays.copyOf(Signals.sine(1_000, 48_000, tone, 12_000),
                tone + (int) Math.round(silenceSeconds * 48_000));
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults().withFrameMillis(20));
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        Files.createDirectories(file.getParent());
        try (OggOpusWriter writer = new OggOpusWriter(new BufferedOutputStream(Files.newOutputStream(file)), 1, "tone")) {
            for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
                int length = encoder.encode(Arrays.copyOfRange(pcm, at, at + FRAME), out);
                writer.write(Arrays.copyOf(out, length));
            }
        }
        return file;
    }

    /** Where the tone ends in {@code played}: the last sample louder than a quarter of the tone. */
    public static int toneEnd(short[] played) {
        for (int i = played.length - 1; i >= 0; i--) {
            if (Math.abs(played[i]) > 3_000) {
                return i + 1;
            }
        }
        return 0;
    }
}
