package dev.parley.protocol.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class VoiceValuesTest {

    @Test
    void audioFrameKeepsItsOwnCopyOfThePayload() {
        byte[] payload = {1, 2, 3};
        AudioFrame frame = new AudioFrame(1, 2, 3, 0, payload);

        payload[0] = 99;
        frame.payload()[1] = 99;

        assertThat(frame.payload()).containsExactly(1, 2, 3);
    }

    @Test
    void audioFrameRefusesOversizedPayloadAndWideFlags() {
        assertThatThrownBy(() -> new AudioFrame(1, 0, 0, 0, new byte[AudioFrame.MAX_PAYLOAD_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioFrame(1, 0, 0, 0x100, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AudioFrame(1, 0, 0, 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void audioFramesWithEqualContentAreEqualAndNeverPrintAudio() {
        AudioFrame a = new AudioFrame(1, 2, 3, AudioFrame.END_OF_TALK, new byte[] {4, 5});
        AudioFrame b = new AudioFrame(1, 2, 3, AudioFrame.END_OF_TALK, new byte[] {4, 5});

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.endOfTalk()).isTrue();
        assertThat(a.toString()).contains("2 bytes").doesNotContain("[4, 5]");
    }

    @Test
    void voiceKeyNeverPrintsItsBytesAndRoundTripsThroughBase64() {
        VoiceKey key = VoiceKey.random(new SecureRandom());

        assertThat(key.toString()).isEqualTo("VoiceKey[redacted]").doesNotContain(key.toBase64());
        assertThat(VoiceKey.fromBase64(key.toBase64())).isEqualTo(key);
        assertThat(key.toBase64()).hasSize(24);
    }

    @Test
    void voiceKeyMustHaveSixteenBytes() {
        assertThatThrownBy(() -> new VoiceKey(new byte[15])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VoiceKey.fromBase64("not base64!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pongEchoesThePing() {
        VoicePong pong = VoicePong.answering(new VoicePing(5, 1234), 10, 11);

        assertThat(pong).isEqualTo(new VoicePong(5, 1234, 10, 11));
        assertThatThrownBy(() -> new VoicePong(1, 1, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
