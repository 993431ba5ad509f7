package dev.parley.bench.audio;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * The benchmark speech: 4.9 s of synthetic English (espeak-ng, 48 kHz mono, the same recording the
 * client's voice tests use) cut into 20 ms frames. Immutable.
 */
public final class SpeechClip {

    /**
     * The load tool's talkers send 20 ms frames, 50 packets a second, as the client did when the relay, Murmur
     * and bare-forwarder tables were first measured; kept so those tables stay comparable. The client's own
     * default is 10 ms now (docs/decisions/opus-fec-and-jitter-buffer.md): per talker that is twice these
     * packet rates.
     */
    public static final OpusSettings SETTINGS = OpusSettings.defaults().withFrameMillis(20);
    public static final int FRAME_SAMPLES = SETTINGS.frameSamples();
    private static final String RESOURCE = "/audio/speech-48k.wav";
    /** Frames quieter than this (RMS, 16-bit) are the silence around the phrases. */
    private static final double VOICED_RMS = 300;

    private final List<short[]> frames;

    private SpeechClip(List<short[]> frames) {
        this.frames = List.copyOf(frames);
    }

    public static SpeechClip load() {
        try (InputStream raw = SpeechClip.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            try (AudioInputStream in = AudioSystem.getAudioInputStream(new BufferedInputStream(raw))) {
                AudioFormat format = in.getFormat();
                if (format.getSampleRate() != OpusSettings.SAMPLE_RATE || format.getChannels() != 1
                        || format.getSampleSizeInBits() != 16) {
                    throw new IllegalStateException("expected 48 kHz mono 16-bit, got " + format);
                }
                ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes())
                        .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                List<short[]> frames = new ArrayList<>();
                while (bytes.remaining() >= FRAME_SAMPLES * 2) {
                    short[] frame = new short[FRAME_SAMPLES];
                    for (int i = 0; i < FRAME_SAMPLES; i++) {
                        frame[i] = bytes.getShort();
                    }
                    frames.add(frame);
                }
                return new SpeechClip(frames);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** Every 20 ms frame, silence included. */
    public List<short[]> frames() {
        return frames;
    }

    /** Only the frames with speech in them: what an encoder sees while someone talks. */
    public List<short[]> voicedFrames() {
        return frames.stream().filter(frame -> rms(frame) >= VOICED_RMS).toList();
    }

    /**
     * The voiced frames encoded once with the client's defaults (32 kbps, complexity 5, FEC) in 20 ms frames
     * ({@link #SETTINGS}), as a talking client would send them.
     */
    public List<byte[]> encodeVoiced() {
        VoiceEncoder encoder = new VoiceEncoder(SETTINGS);
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        List<byte[]> packets = new ArrayList<>();
        for (short[] frame : voicedFrames()) {
            packets.add(Arrays.copyOf(out, encoder.encode(frame, out)));
        }
        return packets;
    }

    private static double rms(short[] frame) {
        double sum = 0;
        for (short sample : frame) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / frame.length);
    }
}
