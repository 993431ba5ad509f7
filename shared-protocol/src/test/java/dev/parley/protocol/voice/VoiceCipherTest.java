package dev.parley.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VoiceCipherTest {

    private static final int SESSION = 42;
    private static final VoiceKey KEY = VoiceKey.random(new SecureRandom());

    private final VoiceCipher cipher = new VoiceCipher(SESSION, KEY);

    static Stream<VoiceBody> everyKind() {
        byte[] opus = new byte[160];
        new Random(7).nextBytes(opus);
        return Stream.of(
                new VoiceHello(0x0123_4567_89AB_CDEFL),
                new AudioFrame(SESSION, 17, 960 * 17, 0, opus),
                new AudioFrame(SESSION, -1, -1, AudioFrame.END_OF_TALK, new byte[0]),
                new AudioFrame(SESSION, 3, 0, 0xFF, new byte[AudioFrame.MAX_PAYLOAD_BYTES]),
                new VoicePing(-7, Long.MIN_VALUE),
                new VoicePong(99, 123_456_789L, Long.MAX_VALUE, 0));
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void everyKindSurvivesARoundTrip(VoiceBody body) {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 5, body);

        OpenResult result = new VoiceCipher(SESSION, KEY).open(VoiceDirection.CLIENT_TO_SERVER, datagram);

        assertThat(result).isEqualTo(new OpenResult.Opened(SESSION, 5, body));
        assertThat(datagram.length).isLessThanOrEqualTo(VoiceWire.MAX_DATAGRAM_BYTES);
    }

    @Test
    void headerIsCleartextInTheDocumentedLayout() {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 0x0102_0304_0506_0708L, new VoicePing(1, 2));

        assertThat(Arrays.copyOf(datagram, VoiceWire.HEADER_BYTES)).containsExactly(
                1, 3, 0, 0, 0, 42, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(datagram).hasSize(VoiceWire.HEADER_BYTES + VoicePing.BODY_BYTES + VoiceWire.TAG_BYTES);
        assertThat(VoiceWire.precheck(datagram, 0, datagram.length)).isNull();
        assertThat(VoiceWire.kind(datagram, 0)).isEqualTo(VoicePacketKind.PING);
        assertThat(VoiceWire.keySessionId(datagram, 0)).isEqualTo(SESSION);
        assertThat(VoiceWire.counter(datagram, 0)).isEqualTo(0x0102_0304_0506_0708L);
    }

    @Test
    void datagramInsideALargerBufferOpens() {
        byte[] datagram = cipher.seal(VoiceDirection.SERVER_TO_CLIENT, 9, new VoiceHello(1));
        byte[] buffer = new byte[datagram.length + 20];
        System.arraycopy(datagram, 0, buffer, 7, datagram.length);

        OpenResult result = cipher.open(VoiceDirection.SERVER_TO_CLIENT, buffer, 7, datagram.length);

        assertThat(result).isEqualTo(new OpenResult.Opened(SESSION, 9, new VoiceHello(1)));
    }

    static IntStream everyByteIndex() {
        return IntStream.range(0, VoiceWire.HEADER_BYTES + AudioFrame.FIXED_BYTES + 4 + VoiceWire.TAG_BYTES);
    }

    @ParameterizedTest
    @MethodSource("everyByteIndex")
    void changingAnyByteOfHeaderBodyOrTagIsRejected(int index) {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1,
                new AudioFrame(SESSION, 1, 960, 0, new byte[] {1, 2, 3, 4}));
        datagram[index] ^= 0x01;

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram)).isInstanceOf(OpenResult.Rejected.class);
    }

    @Test
    void tamperedCiphertextFailsAuthentication() {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoicePing(1, 2));
        datagram[VoiceWire.HEADER_BYTES + 2] ^= (byte) 0x80;

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
    }

    @Test
    void tamperedCounterFailsAuthentication() {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoicePing(1, 2));
        datagram[VoiceWire.COUNTER_OFFSET + 7] = 2;

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
    }

    @Test
    void wrongKeyIsRejected() {
        byte[] datagram = new VoiceCipher(SESSION, VoiceKey.random(new SecureRandom()))
                .seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(3));

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
    }

    @Test
    void datagramReflectedBackToItsSenderIsRejected() {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(3));

        assertThat(cipher.open(VoiceDirection.SERVER_TO_CLIENT, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_TAG));
    }

    @Test
    void datagramForAnotherSessionIsRejectedBeforeCrypto() {
        byte[] datagram = new VoiceCipher(SESSION + 1, KEY).seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(3));

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.WRONG_SESSION));
    }

    @Test
    void everyTruncationIsRejectedWithoutException() {
        byte[] datagram = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1,
                new AudioFrame(SESSION, 1, 960, 0, new byte[40]));

        for (int length = 0; length < datagram.length; length++) {
            assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram, 0, length))
                    .as("first %d bytes", length)
                    .isInstanceOf(OpenResult.Rejected.class);
        }
    }

    @Test
    void emptyDatagramIsTooShort() {
        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, new byte[0]))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.TOO_SHORT));
    }

    @Test
    void oversizedDatagramIsRejectedBeforeCrypto() {
        byte[] datagram = new byte[VoiceWire.MAX_DATAGRAM_BYTES + 1];
        datagram[0] = 1;
        datagram[1] = 2;

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, datagram))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.TOO_LONG));
    }

    @Test
    void unknownVersionKindAndNegativeCounterAreRejected() {
        byte[] good = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(3));

        byte[] version = good.clone();
        version[0] = 2;
        byte[] kind = good.clone();
        kind[1] = 9;
        byte[] counter = good.clone();
        counter[VoiceWire.COUNTER_OFFSET] = (byte) 0x80;

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, version))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.UNSUPPORTED_VERSION));
        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, kind))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.UNKNOWN_KIND));
        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, counter))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_COUNTER));
    }

    @Test
    void bodyLengthThatDoesNotFitTheKindIsRejectedBeforeCrypto() {
        byte[] hello = cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(3));
        hello[1] = (byte) VoicePacketKind.PING.wireValue();

        assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, hello))
                .isEqualTo(OpenResult.Rejected.of(RejectReason.BAD_LENGTH));
    }

    @Test
    void randomGarbageIsAlwaysRejectedWithoutException() {
        Random random = new Random(1234);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(VoiceWire.MAX_DATAGRAM_BYTES + 100)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length > VoiceWire.HEADER_BYTES) {
                // Half of it with a plausible header, so it reaches the crypto.
                junk[0] = 1;
                junk[1] = (byte) (1 + random.nextInt(4));
                VoiceWire.writeInt(junk, VoiceWire.SESSION_OFFSET, SESSION);
                junk[VoiceWire.COUNTER_OFFSET] &= 0x7F;
            }
            assertThat(cipher.open(VoiceDirection.CLIENT_TO_SERVER, junk)).isInstanceOf(OpenResult.Rejected.class);
        }
    }

    @Test
    void largestAudioFrameFitsTheDatagramLimit() {
        assertThat(VoiceWire.HEADER_BYTES + VoiceWire.MAX_BODY_BYTES + VoiceWire.TAG_BYTES)
                .isLessThanOrEqualTo(VoiceWire.MAX_DATAGRAM_BYTES);
    }

    @Test
    void sealingTheSameCounterTwiceInARowIsRefused() {
        byte[] out = new byte[VoiceWire.MAX_DATAGRAM_BYTES];
        cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 3, new VoiceHello(1), out);

        assertThatThrownBy(() -> cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 3, new VoiceHello(2), out))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sealingRejectsANegativeCounterAndAShortBuffer() {
        assertThatThrownBy(() -> cipher.seal(VoiceDirection.CLIENT_TO_SERVER, -1, new VoiceHello(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cipher.seal(VoiceDirection.CLIENT_TO_SERVER, 1, new VoiceHello(1), new byte[100]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
