package dev.parley.protocol.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.control.message.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns control frames into validated envelopes and back. Thread-safe and cheap to share: one
 * instance per process is enough.
 */
public final class ControlCodec {
    private static final int MAX_NESTING = 16;

    private final ObjectMapper mapper;

    public ControlCodec() {
        mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Every value has exactly the JSON type PROTOCOL.md gives it: "1", 1.5, "true" or 123
                // where a number, an integer, a boolean or a string belongs are refused, never guessed at
                // (a truncated 1.5 once acted on channel 1).
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .withCoercionConfigDefaults(config -> {
                    for (CoercionInputShape shape : CoercionInputShape.values()) {
                        config.setCoercion(shape, CoercionAction.Fail);
                    }
                    config.setAcceptBlankAsEmpty(false);
                })
                // Duplicate keys at any depth are refused: with "last wins",
                // {"type":"ping","type":"user.kick"} once ran as a kick.
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .maxStringLength(Limits.MAX_FRAME_BYTES)
                .maxNumberLength(32)
                .build());
    }

    public String encode(Envelope envelope) {
        ObjectNode frame = JsonNodeFactory.instance.objectNode();
        frame.put("type", envelope.type());
        if (envelope.id() != null) {
            frame.put("id", envelope.id());
        }
        frame.put("ts", envelope.ts());
        frame.set("payload", mapper.valueToTree(envelope.payload()));
        try {
            return mapper.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + envelope.type(), e);
        }
    }

    /**
     * How many UTF-8 bytes {@code value} takes as JSON inside a frame: servers use it to fill a page up
     * to a byte budget, so no reply outgrows {@link Limits#MAX_FRAME_BYTES}.
     */
    public int encodedSize(Object value) {
        try {
            return mapper.writeValueAsBytes(value).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public Decoded decode(String frame) {
        if (frame == null || frame.isEmpty()) {
            return new Decoded.Invalid(null, ErrorCode.BAD_JSON, "empty frame");
        }
        // A UTF-8 byte is at most one char, so the char count bounds the cheap pre-check.
        if (frame.length() > Limits.MAX_FRAME_BYTES
                || frame.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_FRAME_BYTES) {
            return new Decoded.Invalid(peekRequestId(frame), ErrorCode.TOO_LARGE,
                    "frame exceeds " + Limits.MAX_FRAME_BYTES + " bytes");
        }
        JsonNode root;
        try {
            root = mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            String duplicate = duplicateField(e);
            return new Decoded.Invalid(null, ErrorCode.BAD_JSON,
                    duplicate == null ? "not valid JSON" : "duplicate field '" + abbreviate(duplicate) + "'");
        }
        if (root == null || !root.isObject()) {
            return new Decoded.Invalid(null, ErrorCode.INVALID_MESSAGE, "a frame must be a JSON object");
        }
        return decodeObject(root);
    }

    private Decoded decodeObject(JsonNode root) {
        JsonNode idNode = root.get("id");
        String id = null;
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isTextual() || !isEchoableId(idNode.asText())) {
                // Never echo an id we would refuse to send: the error goes out without one.
                return new Decoded.Invalid(null, ErrorCode.INVALID_MESSAGE, "id must be a string of 1 to "
                        + Limits.MAX_REQUEST_ID + " characters on one line, without control characters");
            }
            id = idNode.asText();
        }
        JsonNode typeNode = root.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return new Decoded.Invalid(id, ErrorCode.INVALID_MESSAGE, "type is required and must be a string");
        }
        String type = typeNode.asText();
        Optional<Class<? extends Message>> messageClass = MessageTypes.byName(type);
        if (messageClass.isEmpty()) {
            return new Decoded.Invalid(id, ErrorCode.UNKNOWN_TYPE, "unknown message type '" + abbreviate(type) + "'");
        }
        JsonNode tsNode = root.get("ts");
        if (tsNode != null && !tsNode.isNull() && !(tsNode.isIntegralNumber() && tsNode.canConvertToLong())) {
            return new Decoded.Invalid(id, ErrorCode.INVALID_MESSAGE, "ts must be an integer (epoch milliseconds)");
        }
        long ts = tsNode != null && !tsNode.isNull() ? tsNode.asLong() : 0L;
        JsonNode payload = root.get("payload");
        if (payload == null || payload.isNull()) {
            payload = JsonNodeFactory.instance.objectNode();
        }
        if (!payload.isObject()) {
            return new Decoded.Invalid(id, ErrorCode.INVALID_MESSAGE, "payload must be a JSON object");
        }
        try {
            Message message = mapper.treeToValue(payload, messageClass.get());
            return new Decoded.Valid(new Envelope(id, ts, message));
        } catch (JsonMappingException e) {
            return invalidField(id, e);
        } catch (JsonProcessingException e) {
            return new Decoded.Invalid(id, ErrorCode.BAD_JSON, "payload could not be read");
        } catch (ProtocolException e) {
            return new Decoded.Invalid(id, e.code(), e.getMessage());
        }
    }

    /**
     * The top-level {@code id} of a frame too large to decode, found by streaming over it without
     * materialising its values, so the refusal can still answer the request. Null when there is none.
     */
    private String peekRequestId(String frame) {
        try (JsonParser parser = mapper.getFactory().createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(field)) {
                    return value == JsonToken.VALUE_STRING && parser.getTextLength() <= Limits.MAX_REQUEST_ID
                            && isEchoableId(parser.getText()) ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Whether a request id passes the envelope's own rules, so a reply may carry it back. */
    static boolean isEchoableId(String id) {
        try {
            Check.line(id, "id", 1, Limits.MAX_REQUEST_ID);
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    /** The repeated key when the parser refused a frame for a duplicate, else null. */
    private static String duplicateField(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e instanceof StreamReadException && message != null && message.startsWith("Duplicate field '")) {
            int end = message.indexOf('\'', "Duplicate field '".length());
            return end < 0 ? "" : message.substring("Duplicate field '".length(), end);
        }
        return null;
    }

    private static Decoded invalidField(String id, JsonMappingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProtocolException violation) {
                return new Decoded.Invalid(id, violation.code(), violation.getMessage());
            }
        }
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        String field = path.isEmpty() ? "payload" : path;
        return new Decoded.Invalid(id, ErrorCode.INVALID_FIELD, field + ": has the wrong type");
    }

    /** Peer-chosen text quoted in an error: short, and with control characters shown as '?' (logs quote it). */
    private static String abbreviate(String text) {
        String shortened = text.length() <= 40 ? text : text.substring(0, 40) + "…";
        return shortened.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
    }
}
