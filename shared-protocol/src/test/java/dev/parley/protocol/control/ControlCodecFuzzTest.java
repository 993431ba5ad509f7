package dev.parley.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the control decoder (Jazzer). In a normal build this replays the seed
 * corpus in {@code ControlCodecFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes for real (docs/SECURITY.md).
 */
class ControlCodecFuzzTest {
    private final ControlCodec codec = new ControlCodec();

    @FuzzTest(maxDuration = "3m")
    @DictionaryEntries({"\"type\"", "\"id\"", "\"ts\"", "\"payload\"", "\"hello\"", "\"chat.send\"", "\"auth.login\"",
            "\"auth.resume\"", "\"channel.join\"", "\"voice.start\"", "\"channelId\"", "\"text\"", "\"nonce\"", "null",
            "true", "-1", "1e309", "\"\\u0000\"", "\"\\ud800\""})
    void decodingNeverThrowsAndValidFramesRoundTrip(byte[] input) {
        String frame = new String(input, StandardCharsets.UTF_8);

        Decoded decoded = codec.decode(frame);

        assertThat(decoded).isNotNull();
        if (decoded instanceof Decoded.Valid valid) {
            // Whatever the decoder accepts, the encoder can write, and reads back the same.
            Decoded again = codec.decode(codec.encode(valid.envelope()));
            assertThat(again).isInstanceOf(Decoded.Valid.class);
            assertThat(((Decoded.Valid) again).envelope().payload()).isEqualTo(valid.envelope().payload());
        } else {
            assertThat(((Decoded.Invalid) decoded).code()).isNotNull();
        }
    }
}
