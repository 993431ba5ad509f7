package dev.parley.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Session;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoder takes JSON exactly as PROTOCOL.md types it: no coercion between scalar types, no
 * duplicate keys at any depth, and request ids it could echo safely. Each case is something a client
 * written from the document alone saw the old decoder accept (issue 11).
 */
class StrictDecodingTest {
    private final ControlCodec codec = new ControlCodec();

    private Decoded.Invalid refused(String frame) {
        Decoded decoded = codec.decode(frame);
        assertThat(decoded).as("decoding %s", frame).isInstanceOf(Decoded.Invalid.class);
        return (Decoded.Invalid) decoded;
    }

    /** frame | the field the error must name. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // A fraction was truncated: "channelId":1.5 acted on channel 1.
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":1.5}}|channelId",
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":1.0}}|channelId",
        // A string was read as a number.
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":\"1\"}}|channelId",
        "{\"type\":\"chat.history\",\"id\":\"a\",\"payload\":{\"channelId\":1,\"limit\":\"5\"}}|limit",
        // A string was read as a boolean.
        "{\"type\":\"chat.react\",\"id\":\"a\",\"payload\":{\"messageId\":1,\"emoji\":\"x\",\"add\":\"true\"}}|add",
        "{\"type\":\"voice.state\",\"id\":\"a\",\"payload\":{\"selfMuted\":1,\"deafened\":false}}|selfMuted",
        // A number was stored as text.
        "{\"type\":\"chat.send\",\"id\":\"a\",\"payload\":{\"channelId\":1,\"text\":123,\"nonce\":\"n\"}}|text",
        "{\"type\":\"chat.send\",\"id\":\"a\",\"payload\":{\"channelId\":1,\"text\":\"hi\",\"nonce\":7}}|nonce",
        "{\"type\":\"chat.send\",\"id\":\"a\",\"payload\":{\"channelId\":1,\"text\":true,\"nonce\":\"n\"}}|text",
        // The protocol version given as a string.
        "{\"type\":\"hello\",\"id\":\"a\",\"payload\":{\"protocol\":\"1\"}}|protocol",
        "{\"type\":\"hello\",\"id\":\"a\",\"payload\":{\"protocol\":1.0}}|protocol",
        // An enum given by index, or an object where a scalar belongs.
        "{\"type\":\"presence.set\",\"id\":\"a\",\"payload\":{\"presence\":1}}|presence",
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":[1]}}|channelId",
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":\"\"}}|channelId",
        "{\"type\":\"auth.guest\",\"id\":\"a\",\"payload\":{\"nickname\":[\"ann\"]}}|nickname"})
    void wrongJsonTypesAreRefusedNamingTheField(String frame, String field) {
        Decoded.Invalid invalid = refused(frame);

        assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD);
        assertThat(invalid.message()).startsWith(field + ":");
        assertThat(invalid.requestId()).isEqualTo("a");
    }

    @Test
    void aWellTypedFrameStillDecodes() {
        Decoded decoded = codec.decode("{\"type\":\"hello\",\"id\":\"a\",\"payload\":{\"protocol\":1}}");

        assertThat(decoded).isEqualTo(new Decoded.Valid(new Envelope("a", 0, new Session.Hello(1, null))));
    }

    @Test
    void aTimestampThatIsNotAnIntegerIsRefused() {
        Decoded.Invalid invalid = refused("{\"type\":\"ping\",\"id\":\"a\",\"ts\":\"5\"}");

        assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(invalid.message()).contains("ts");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        // Last one won: this ran as a kick.
        "{\"type\":\"ping\",\"type\":\"user.kick\",\"id\":\"a\",\"payload\":{\"userId\":2}}",
        "{\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}",
        "{\"type\":\"channel.join\",\"id\":\"a\",\"payload\":{\"channelId\":2,\"channelId\":3}}",
        "{\"type\":\"chat.send\",\"id\":\"a\",\"payload\":{},\"payload\":{\"channelId\":1,\"text\":\"x\",\"nonce\":\"n\"}}",
        // Deeper down, inside an object inside the payload.
        "{\"type\":\"ping\",\"id\":\"a\",\"payload\":{\"extra\":{\"k\":1,\"k\":2}}}"})
    void duplicateKeysAreRefusedAtEveryDepth(String frame) {
        Decoded.Invalid invalid = refused(frame);

        assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_JSON);
        assertThat(invalid.message()).contains("duplicate field");
        assertThat(invalid.requestId()).isNull();
    }

    @ParameterizedTest(name = "id {0}")
    @ValueSource(strings = {"a\\u0001b", "line\\nbreak", "tab\\there", "\\u001b[31mred", " padded", "nul\\u0000"})
    void aRequestIdThatCannotBeEchoedIsDroppedFromTheRefusal(String id) {
        Decoded.Invalid invalid = refused("{\"type\":\"ping\",\"id\":\"" + id + "\"}");

        assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
        assertThat(invalid.message()).contains("id");
        assertThat(invalid.requestId()).isNull();
        // The refusal itself can be encoded: this is what the server sends back.
        assertThat(codec.encode(new Envelope(invalid.requestId(), 1,
                new dev.parley.protocol.control.message.ErrorReply(invalid.code(), invalid.message())))).contains("error");
    }

    @Test
    void anOversizedFrameWithAControlCharacterIdIsRefusedWithoutTheId() {
        String frame = "{\"type\":\"ping\",\"id\":\"x\\u0007\",\"payload\":{\"pad\":\""
                + "a".repeat(Limits.MAX_FRAME_BYTES) + "\"}}";

        Decoded.Invalid invalid = refused(frame);

        assertThat(invalid.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(invalid.requestId()).isNull();
    }
}
