package dev.parley.client.core.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.voice.TestSignals;
import dev.parley.client.core.voice.codec.OpusSettings;
import dev.parley.client.core.voice.codec.VoiceEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import io.github.jaredmdobson.concentus.OpusPacketInfo;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ogg muxer, the reader and the timeline of a speaker's track: packets come back byte for byte,
 * granule positions count real samples, gaps keep their length, and an independent decoder
 * (libsndfile with libopus/libogg, through sox) reads the files.
 */
class OggOpusFilesTest {
    static final int FRAME = 960;

    @TempDir
    Path dir;

    static List<byte[]> encode(short[] pcm) {
        VoiceEncoder encoder = new VoiceEncoder(OpusSettings.defaults().withFrameMillis(20));
        List<byte[]> packets = new ArrayList<>();
        byte[] out = new byte[VoiceEncoder.MAX_PACKET_BYTES];
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            int length = encoder.encode(Arrays.copyOfRange(pcm, at, at + FRAME), out);
            packets.add(Arrays.copyOf(out, length));
        }
        return packets;
    }

    static byte[] silence() {
        return encode(new short[FRAME]).get(0);
    }

    @Test
    void pageCrcIsTheOggOneNotTheZipOne() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        // CRC-32/POSIX (cksum) is this CRC with a final inversion; its check value is 0x765E7680.
        assertThat(OggCrc.of(check, 0, check.length)).isEqualTo(~0x765E7680);
    }

    @Test
    void packetDurationsAgreeWithConcentus() {
        for (int toc = 0; toc < 256; toc++) {
            byte[] packet = {(byte) toc, 3, 0, 0, 0};
            int expected = OpusPacketInfo.getNumSamplesPerFrame(packet, 0, 48_000)
                    * OpusPacketInfo.getNumFrames(packet, 0, packet.length);
            // RFC 6716 caps a packet at 120 ms; such a packet is malformed, whatever the TOC multiplies to.
            expected = expected > 5_760 ? -1 : expected;
            assertThat(OpusPackets.samples(packet)).as("TOC %d", toc).isEqualTo(expected);
        }
        assertThat(OpusPackets.samples(new byte[0])).isEqualTo(-1);
    }

    @Test
    void packetsComeBackByteForByteWithGranulesInSamplesAndDecodeToTheSignal() throws IOException {
        short[] voice = TestSignals.voiced(48_000 * 2);
        List<byte[]> packets = encode(voice);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OggOpusWriter writer = new OggOpusWriter(file, 7, "test")) {
            for (byte[] packet : packets) {
                writer.write(packet);
            }
        }

        OggOpusReader.Stream stream = OggOpusReader.read(file.toByteArray());
        assertThat(stream.channels()).isEqualTo(1);
        assertThat(stream.preSkip()).isEqualTo(OggOpusWriter.PRE_SKIP);
        assertThat(stream.comments()).containsExactly("TITLE=test");
        assertThat(stream.packets()).hasSize(packets.size());
        for (int i = 0; i < packets.size(); i++) {
            assertThat(stream.packets().get(i)).isEqualTo(packets.get(i));
        }
        // Pages of at most a second; each page's granule counts the samples up to its last packet.
        assertThat(stream.audioPages()).hasSizeGreaterThanOrEqualTo(2);
        long granule = 0;
        for (OggOpusReader.Page page : stream.audioPages()) {
            granule += (long) page.packets().size() * FRAME;
            assertThat(page.granule()).isEqualTo(granule);
        }
        assertThat(stream.audioPages().get(stream.audioPages().size() - 1).flags() & 0x04).as("EOS").isNotZero();
        assertThat(stream.durationSamples()).isEqualTo(packets.size() * FRAME - OggOpusWriter.PRE_SKIP);

        short[] decoded = DecodedRecording.pcm(stream);
        // The encoder's delay is what the pre-skip removes: the decoded audio lines up with the input.
        int lag = TestSignals.bestLag(voice, decoded, 4_800, 24_000, 0);
        assertThat(TestSignals.correlation(voice, 4_800, decoded, 4_800 + lag, 24_000)).isGreaterThan(0.8);
    }

    @Test
    void aCorruptedByteIsCaughtByThePageCrc() throws IOException {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (OggOpusWriter writer = new OggOpusWriter(file, 7, null)) {
            for (byte[] packet : encode(TestSignals.voiced(9_600))) {
                writer.write(packet);
            }
        }
        byte[] bytes = file.toByteArray();
        bytes[bytes.length - 3] ^= 0x10;
        assertThatThrownBy(() -> OggOpusReader.read(bytes)).isInstanceOf(IOException.class).hasMessageContaining("CRC");
    }

    @Test
    void silencesKeepTheirLengthSoTalkSpurtsStayWhereTheyWereSaid() throws IOException {
        short[] voice = TestSignals.voiced(48_000);
        List<byte[]> packets = encode(voice);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SpeakerTrack track = new SpeakerTrack(new OggOpusWriter(file, 1, null), silence());
        int base = 0xFFFF0000; // the wire clock wraps in the middle of the recording
        // First spurt: 0.5 s, the first packet arriving 0.3 s into the recording.
        long arrival = 14_400 + FRAME;
        for (int i = 0; i < 25; i++) {
            track.packet(base + i * FRAME, packets.get(i), arrival + (long) i * FRAME + (i % 3) * 200);
        }
        // 1.2 s of silence the sender's clock runs through, then the second spurt; one packet is lost
        // and one is delivered twice, late.
        int secondStart = 25 * FRAME + 57_600;
        for (int i = 25; i < 50; i++) {
            if (i == 30) {
                continue;
            }
            long at = arrival + secondStart + (long) (i - 25) * FRAME;
            track.packet(base + secondStart + (i - 25) * FRAME, packets.get(i), at);
            if (i == 35) {
                track.packet(base + secondStart + (i - 26) * FRAME, packets.get(i - 1), at + 10);
            }
        }
        long end = arrival + secondStart + 25 * FRAME + 48_000;
        track.finish(end);

        assertThat(track.dropped()).isEqualTo(1);
        OggOpusReader.Stream stream = OggOpusReader.read(file.toByteArray());
        short[] decoded = DecodedRecording.pcm(stream);
        assertThat(stream.durationSamples() + OggOpusWriter.PRE_SKIP).isBetween(end - FRAME, end);
        // Before the first spurt and between the spurts: silence.
        assertThat(TestSignals.rms(decoded, 0, 14_000)).isLessThan(50);
        assertThat(TestSignals.rms(decoded, 14_400 + 25 * FRAME + 2_000, 50_000)).isLessThan(50);
        // Each spurt sits where it was said: the first 0.3 s in, the second 1.2 s after the first ended.
        assertThat(TestSignals.correlation(voice, 0, decoded, 14_400, 20 * FRAME)).isGreaterThan(0.8);
        int second = 14_400 + secondStart;
        assertThat(TestSignals.correlation(voice, 25 * FRAME + 960, decoded, second + 960, 4 * FRAME)).isGreaterThan(0.8);
        // After the lost packet (filled with silence) the decoder is a little off for a while (0.77 here);
        // a placement off by even one millisecond would bring a 165 Hz voice's correlation near zero.
        assertThat(TestSignals.correlation(voice, 31 * FRAME + 960, decoded, second + 6 * FRAME + 960, 15 * FRAME))
                .isGreaterThan(0.7);
    }

    /**
     * sox 14.4.2 here opens Ogg Opus through libsndfile but refuses its sample format, and opusinfo,
     * opusdec and ffprobe are not installed; so the check calls libsndfile itself (python3 + ctypes):
     * libogg verifies the page CRCs, libopus decodes and applies the pre-skip.
     */
    @Test
    void libsndfileWithLibopusDecodesTheFile() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "python3 is not installed");
        short[] voice = TestSignals.voiced(48_000);
        Path opus = dir.resolve("voice.opus");
        try (OggOpusWriter writer = new OggOpusWriter(Files.newOutputStream(opus), 3, "independent check")) {
            for (byte[] packet : encode(voice)) {
                writer.write(packet);
            }
        }
        Path script = dir.resolve("sndfile_decode.py");
        try (var in = getClass().getResourceAsStream("/record/sndfile_decode.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path raw = dir.resolve("voice.raw");
        Process python = new ProcessBuilder("python3", script.toString(), opus.toString(), raw.toString())
                .redirectErrorStream(true).start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Assumptions.assumeFalse(output.contains("cannot open shared object") || output.contains("not found"),
                "no libsndfile here: " + output);
        assertThat(python.exitValue()).as(output).isZero();
        // SF_FORMAT_OGG | SF_FORMAT_OPUS, mono, 48 kHz.
        assertThat(output).contains("rate=48000 channels=1 format=0x200064");
        byte[] bytes = Files.readAllBytes(raw);
        short[] decoded = new short[bytes.length / 2];
        java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(decoded);
        // libopus applied our pre-skip: the length is the packets' minus the pre-skip, and it is the signal.
        assertThat(decoded.length).isEqualTo(48_000 - OggOpusWriter.PRE_SKIP);
        assertThat(TestSignals.correlation(voice, 4_800, decoded, 4_800, 24_000)).isGreaterThan(0.8);
    }
}
