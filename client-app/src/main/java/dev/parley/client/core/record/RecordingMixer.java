package dev.parley.client.core.record;

import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceDecoder;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Mixes the per-speaker tracks of one recording into a single Ogg Opus file, as a listener would have
 * heard the channel: every track decoded (after its pre-skip), summed sample by sample, soft-limited and
 * encoded again. The tracks start together (the recorder pads silences), so they are mixed in lockstep,
 * one 20 ms frame at a time: each track's packets are read whole (about 15 MB an hour), its audio is
 * decoded a frame at a time.
 */
public final class RecordingMixer {
    /** The mixed file's name in the recording's folder. */
    public static final String MIX_FILE = "mix.opus";
    /** Speech from several people: 20 ms frames and a little more than one voice's bitrate. */
    static final OpusSettings MIX_SETTINGS = OpusSettings.defaults().withFrameMillis(20).withBitrate(48_000);
    private static final int LIMIT = Short.MAX_VALUE;

    private RecordingMixer() {
    }

    /**
     * Writes {@code out} (via a part file, so a crash never leaves a half file under the real name) and
     * returns it. With one track the mix is that speaker alone, re-encoded.
     */
    public static Path mix(List<Path> tracks, Path out) throws IOException {
        if (tracks.isEmpty()) {
            throw new IllegalArgumentException("nothing to mix");
        }
        List<TrackReader> readers = new ArrayList<>();
        for (Path track : tracks) {
            readers.add(new TrackReader(OggOpusReader.read(track)));
        }
        VoiceEncoder encoder = new VoiceEncoder(MIX_SETTINGS);
        int frame = encoder.frameSamples();
        short[] pcm = new short[frame];
        int[] sum = new int[frame];
        byte[] packet = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        Path part = out.resolveSibling(out.getFileName() + ".part");
        try (OggOpusWriter writer = new OggOpusWriter(new BufferedOutputStream(Files.newOutputStream(part)),
                0x6d6978, "Parley recording, all speakers")) {
            while (readers.stream().anyMatch(TrackReader::hasMore)) {
                Arrays.fill(sum, 0);
                for (TrackReader reader : readers) {
                    reader.addTo(sum);
                }
                for (int i = 0; i < frame; i++) {
                    pcm[i] = softLimit(sum[i]);
                }
                int bytes = encoder.encode(pcm, packet);
                writer.write(Arrays.copyOf(packet, bytes));
            }
        }
        Files.move(part, out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /** Linear up to half scale, then bends towards full scale: several loud voices never wrap around. */
    static short softLimit(int sample) {
        int magnitude = Math.abs(sample);
        int knee = LIMIT / 2;
        if (magnitude <= knee) {
            return (short) sample;
        }
        double over = (magnitude - knee) / (double) knee;
        double bent = knee + knee * over / (1 + over);
        return (short) (Math.signum(sample) * Math.min(LIMIT, Math.round(bent)));
    }

    /** One track, decoded a packet at a time; hands out any number of samples in order. */
    private static final class TrackReader {
        private final List<byte[]> packets;
        private final VoiceDecoder decoder = new VoiceDecoder();
        private final short[] decoded = new short[OpusSettings.MAX_FRAME_SAMPLES];
        private int next;
        private int skip;
        private int available;
        private int offset;
        private final long total;
        private long handedOut;

        TrackReader(OggOpusReader.Stream stream) {
            this.packets = stream.packets();
            this.skip = stream.preSkip();
            this.total = stream.durationSamples();
        }

        boolean hasMore() {
            return handedOut < total;
        }

        /** Adds this track's next {@code sum.length} samples (silence past its end). */
        void addTo(int[] sum) {
            for (int i = 0; i < sum.length && handedOut < total; i++) {
                if (!fill()) {
                    return;
                }
                sum[i] += decoded[offset++];
                available--;
                handedOut++;
            }
        }

        /** Whether a sample is ready, decoding the next packet (and dropping the pre-skip) when needed. */
        private boolean fill() {
            while (available == 0) {
                if (next >= packets.size()) {
                    return false;
                }
                int samples = decoder.decode(packets.get(next++), decoded);
                int dropped = Math.min(skip, samples);
                skip -= dropped;
                offset = dropped;
                available = samples - dropped;
            }
            return true;
        }
    }
}
