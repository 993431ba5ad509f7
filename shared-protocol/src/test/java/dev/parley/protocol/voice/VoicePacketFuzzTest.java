package dev.parley.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Coverage-guided fuzzing of the voice packet parser (Jazzer): raw datagrams against the precheck,
 * the AEAD and the replay window, and authentic datagrams (sealed here with the fixed key) whose
 * header and body are fuzzed, so the body parser behind the tag is reached too.
 */
class VoicePacketFuzzTest {
    private static final int SESSION = 7;
    private static final byte[] KEY_BYTES = new byte[VoiceKey.LENGTH_BYTES];

    static {
        Arrays.fill(KEY_BYTES, (byte) 0x5A);
    }

    private static final VoiceKey KEY = new VoiceKey(KEY_BYTES);

    @FuzzTest(maxDuration = "3m")
    void rawDatagramsAreRejectedNeverThrown(byte[] datagram) {
        RejectReason cheap = VoiceWire.precheck(datagram, 0, datagram.length);
        VoiceLink server = new VoiceLink(SESSION, KEY, VoiceDirection.SERVER_TO_CLIENT);

        OpenResult first = server.open(datagram);
        OpenResult replayed = server.open(datagram);

        if (cheap != null) {
            assertThat(first).isEqualTo(OpenResult.Rejected.of(cheap));
        }
        if (first instanceof OpenResult.Opened) {
            assertThat(replayed).isInstanceOf(OpenResult.Rejected.class);
        }
    }

    @FuzzTest(maxDuration = "3m")
    void authenticDatagramsWithAnyBodyOpenOrAreRejected(FuzzedDataProvider data) throws GeneralSecurityException {
        int kind = data.consumeInt(0, 8);
        long counter = data.consumeLong(0, Long.MAX_VALUE);
        boolean fromClient = data.consumeBoolean();
        byte[] body = data.consumeRemainingAsBytes();
        if (body.length > VoiceWire.MAX_DATAGRAM_BYTES - VoiceWire.MIN_DATAGRAM_BYTES) {
            return;
        }
        VoiceDirection direction = fromClient ? VoiceDirection.CLIENT_TO_SERVER : VoiceDirection.SERVER_TO_CLIENT;
        byte[] datagram = sealRaw(direction, kind, counter, body);

        OpenResult opened = new VoiceCipher(SESSION, KEY).open(direction, datagram);

        assertThat(opened).isNotNull();
        if (opened instanceof OpenResult.Opened ok) {
            assertThat(ok.counter()).isEqualTo(counter);
            // Whatever opens, seals back to the same bytes.
            byte[] resealed = new VoiceCipher(SESSION, KEY).seal(direction, counter, ok.body());
            assertThat(resealed).isEqualTo(datagram);
        }
    }

    /** Seals arbitrary body bytes under any kind byte, as a peer holding the key could. */
    private static byte[] sealRaw(VoiceDirection direction, int kind, long counter, byte[] body)
            throws GeneralSecurityException {
        byte[] datagram = new byte[VoiceWire.HEADER_BYTES + body.length + VoiceWire.TAG_BYTES];
        datagram[0] = (byte) VoiceWire.VERSION;
        datagram[VoiceWire.KIND_OFFSET] = (byte) kind;
        VoiceWire.writeInt(datagram, VoiceWire.SESSION_OFFSET, SESSION);
        VoiceWire.writeLong(datagram, VoiceWire.COUNTER_OFFSET, counter);
        byte[] nonce = new byte[12];
        nonce[0] = (byte) direction.nonceByte();
        VoiceWire.writeLong(nonce, 4, counter);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY_BYTES, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(datagram, 0, VoiceWire.HEADER_BYTES);
        cipher.doFinal(body, 0, body.length, datagram, VoiceWire.HEADER_BYTES);
        return datagram;
    }
}
