package dev.parley.protocol.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Chat;
import dev.parley.protocol.control.message.ErrorReply;
import dev.parley.protocol.control.message.Message;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.Presence;
import dev.parley.protocol.control.model.ReactionCount;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ControlCodecTest {
    private final ControlCodec codec = new ControlCodec();

    @Test
    void everyMessageRecordHasAWireName() {
        Set<Class<?>> leaves = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(Message.class));
        while (!todo.isEmpty()) {
            Class<?> type = todo.pop();
            if (type.isSealed()) {
                todo.addAll(List.of(type.getPermittedSubclasses()));
            } else {
                leaves.add(type);
            }
        }
        assertThat(leaves).hasSizeGreaterThan(40);
        assertThat(new HashSet<>(MessageTypes.all().values())).isEqualTo(leaves);
    }

    @Test
    void requestRoundTripsWithItsId() {
        Envelope sent = Envelope.request("r1", new Chat.Send(4L, null, "hello there", "n-1", null));

        Decoded decoded = codec.decode(codec.encode(sent));

        assertThat(decoded).isEqualTo(new Decoded.Valid(sent));
    }

    @Test
    void replyWithNestedRecordsRoundTrips() {
        ChatMessage message = new ChatMessage(7, 1_700_000_000_000L, null, 3L, 2, "ann", "hi", null, null,
                false, "n", List.of(new ReactionCount("👍", 2, true)));
        Envelope sent = new Envelope("r2", 5, new Chat.Page(List.of(message), true));

        assertThat(codec.decode(codec.encode(sent))).isEqualTo(new Decoded.Valid(sent));
    }

    @Test
    void encodedFrameUsesStableWireNamesAndLeavesOutNulls() {
        String json = codec.encode(new Envelope("a", 9, new Session.SetPresence(Presence.AWAY)));

        assertThat(json).isEqualTo("{\"type\":\"presence.set\",\"id\":\"a\",\"ts\":9,\"payload\":{\"presence\":\"away\"}}");
    }

    @Test
    void decoderReadsAHandWrittenFrame() {
        Decoded decoded = codec.decode("{\"type\":\"hello\",\"id\":\"1\",\"payload\":{\"protocol\":1,\"client\":\"bot\"}}");

        assertThat(decoded).isEqualTo(new Decoded.Valid(new Envelope("1", 0, new Session.Hello(1, "bot"))));
    }

    @Test
    void payloadMayBeLeftOutForMessagesWithoutFields() {
        Decoded decoded = codec.decode("{\"type\":\"ping\",\"id\":\"p\"}");

        assertThat(decoded).isEqualTo(new Decoded.Valid(new Envelope("p", 0, new Session.Ping())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "nonsense", "{\"type\":\"ping\"} trailing", "\"just a string\"x"})
    void decoderRejectsMalformedJson(String frame) {
        assertThat(codec.decode(frame)).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "42", "{\"id\":\"x\"}", "{\"type\":5}"})
    void decoderRejectsFramesThatAreNotMessages(String frame) {
        assertThat(codec.decode(frame)).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
    }

    @Test
    void unknownTypeIsAnErrorThatKeepsTheRequestId() {
        Decoded decoded = codec.decode("{\"type\":\"teleport\",\"id\":\"r9\",\"payload\":{}}");

        assertThat(decoded).isEqualTo(new Decoded.Invalid("r9", ErrorCode.UNKNOWN_TYPE, "unknown message type 'teleport'"));
    }

    @Test
    void missingRequiredFieldNamesTheField() {
        Decoded decoded = codec.decode("{\"type\":\"chat.send\",\"id\":\"r\",\"payload\":{\"channelId\":1,\"nonce\":\"n\"}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
            assertThat(invalid.requestId()).isEqualTo("r");
            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(invalid.message()).startsWith("text:");
        });
    }

    @Test
    void decoderRejectsOverlongText() {
        String text = "x".repeat(Limits.MAX_MESSAGE_TEXT + 1);
        Decoded decoded = codec.decode("{\"type\":\"chat.send\",\"id\":\"r\",\"payload\":{\"channelId\":1,\"nonce\":\"n\",\"text\":\"" + text + "\"}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.message()).startsWith("text: must be at most 4000 characters"));
    }

    @Test
    void lengthsCountUtf16UnitsSoEmojiCountTwice() {
        String emoji = "😀".repeat(Limits.MAX_MESSAGE_TEXT / 2 + 1);
        Decoded decoded = codec.decode("{\"type\":\"chat.send\",\"id\":\"r\",\"payload\":{\"channelId\":1,\"nonce\":\"n\",\"text\":\"" + emoji + "\"}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void fieldOfTheWrongTypeIsAnInvalidField() {
        Decoded decoded = codec.decode("{\"type\":\"channel.join\",\"id\":\"r\",\"payload\":{\"channelId\":\"lobby\"}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(invalid.message()).contains("channelId");
        });
    }

    @Test
    void unknownEnumValueIsAnInvalidField() {
        Decoded decoded = codec.decode("{\"type\":\"presence.set\",\"id\":\"r\",\"payload\":{\"presence\":\"asleep\"}}");

        assertThat(decoded).isEqualTo(new Decoded.Invalid("r", ErrorCode.INVALID_FIELD, "presence: unknown value 'asleep'"));
    }

    @Test
    void conversationMustNameExactlyOneOfChannelAndUser() {
        Decoded decoded = codec.decode("{\"type\":\"chat.history\",\"id\":\"r\",\"payload\":{\"channelId\":1,\"userId\":2}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void oversizedFrameIsRefusedBeforeParsing() {
        String frame = "{\"type\":\"chat.send\",\"payload\":{\"text\":\"" + "é".repeat(Limits.MAX_FRAME_BYTES / 2) + "\"}}";

        assertThat(codec.decode(frame)).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void oversizedFrameStillAnswersItsRequestId() {
        String frame = "{\"type\":\"chat.send\",\"payload\":{\"text\":\"" + "x".repeat(Limits.MAX_FRAME_BYTES)
                + "\",\"nested\":[{\"id\":\"inner\"}]},\"id\":\"big-1\"}";

        assertThat(codec.decode(frame)).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(invalid.requestId()).isEqualTo("big-1");
        });
    }

    @Test
    void deeplyNestedJsonIsRefused() {
        String frame = "{\"type\":\"ping\",\"payload\":{\"x\":" + "[".repeat(500) + "]".repeat(500) + "}}";

        assertThat(codec.decode(frame)).isInstanceOf(Decoded.Invalid.class);
    }

    @Test
    void overlongRequestIdIsRefused() {
        String frame = "{\"type\":\"ping\",\"id\":\"" + "i".repeat(65) + "\"}";

        assertThat(codec.decode(frame)).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
    }

    @Test
    void controlCharactersInNamesAreRefused() {
        Decoded decoded = codec.decode("{\"type\":\"auth.guest\",\"id\":\"r\",\"payload\":{\"nickname\":\"a\\u0000b\"}}");

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class,
                invalid -> assertThat(invalid.code()).isEqualTo(ErrorCode.INVALID_FIELD));
    }

    @Test
    void passwordsNeverAppearInToString() {
        assertThat(new Session.Login("ann", "secret-password").toString()).doesNotContain("secret");
        assertThat(new Session.Register("ann", "secret-password", "room-secret").toString()).doesNotContain("secret");
    }

    @Test
    void errorReplyRoundTrips() {
        Envelope sent = new Envelope("x", 1, new ErrorReply(ErrorCode.RATE_LIMITED, "slow down"));

        assertThat(codec.encode(sent)).contains("\"code\":\"rate_limited\"");
        assertThat(codec.decode(codec.encode(sent))).isEqualTo(new Decoded.Valid(sent));
    }
}
