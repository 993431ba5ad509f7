package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.protocol.control.ControlCodec;
import dev.parley.protocol.control.Decoded;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.MessageTypes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps {@code docs/PROTOCOL.md} true: every {@code ```json} block in it is a whole control frame
 * that our codec accepts, says nothing the codec would drop, and together the examples cover every
 * message type. Deliberately invalid frames in the document are tagged {@code ```text} instead.
 */
class ProtocolDocumentationTest {
    /** Surefire runs in the module folder; the document lives at the repository root. */
    private static final Path DOCUMENT = Path.of("..", "docs", "PROTOCOL.md");
    private static final Pattern JSON_BLOCK = Pattern.compile("^```json\\s*\\n(.*?)^```\\s*$",
            Pattern.DOTALL | Pattern.MULTILINE);

    private static final ControlCodec CODEC = new ControlCodec();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One example frame and the line of the document where its block starts. */
    record Example(int line, String frame) {
        @Override
        public String toString() {
            return "PROTOCOL.md line " + line;
        }
    }

    static List<Example> examples() {
        String document = document();
        List<Example> examples = new ArrayList<>();
        Matcher matcher = JSON_BLOCK.matcher(document);
        while (matcher.find()) {
            int line = (int) document.substring(0, matcher.start()).chars().filter(c -> c == '\n').count() + 1;
            examples.add(new Example(line, matcher.group(1).strip()));
        }
        return examples;
    }

    @Test
    void documentHasExamples() {
        assertThat(examples()).hasSizeGreaterThan(MessageTypes.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyJsonExampleIsAValidFrame(Example example) {
        Decoded decoded = CODEC.decode(example.frame());

        assertThat(decoded).as("%s decodes: %s", example, example.frame()).isInstanceOf(Decoded.Valid.class);
    }

    /**
     * The codec ignores unknown fields, so a misspelt optional field would still decode. Encoding the
     * decoded frame again must give back every field the example shows, with the same value.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExampleFieldIsOneTheCodecKnows(Example example) throws IOException {
        Decoded decoded = CODEC.decode(example.frame());
        assertThat(decoded).as("%s decodes", example).isInstanceOf(Decoded.Valid.class);
        JsonNode written = JSON.readTree(example.frame());
        JsonNode reencoded = JSON.readTree(CODEC.encode(((Decoded.Valid) decoded).envelope()));

        List<String> differences = new ArrayList<>();
        collectDifferences("", written, reencoded, differences);

        assertThat(differences).as("%s: fields the codec does not keep as written", example).isEmpty();
    }

    @Test
    void everyMessageTypeHasAnExampleFrame() {
        Set<String> shown = examples().stream()
                .map(example -> JSON_TYPE.matcher(example.frame()))
                .filter(Matcher::find)
                .map(matcher -> matcher.group(1))
                .collect(Collectors.toSet());

        Set<String> missing = new TreeSet<>(MessageTypes.all().keySet());
        missing.removeAll(shown);

        assertThat(missing).as("message types without a ```json example in PROTOCOL.md").isEmpty();
    }

    @Test
    void everyErrorCodeIsDocumented() {
        String document = document();

        List<String> missing = Arrays.stream(ErrorCode.values())
                .map(ErrorCode::wire)
                .filter(wire -> !document.contains("`" + wire + "`"))
                .toList();

        assertThat(missing).as("error codes not named (in backticks) in PROTOCOL.md").isEmpty();
    }

    private static final Pattern JSON_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"]+)\"");

    private static void collectDifferences(String path, JsonNode written, JsonNode actual, List<String> differences) {
        if (written.isNull()) {
            // Null fields are left out when encoding; writing them as null says the same.
            if (actual != null && !actual.isNull() && !actual.isMissingNode()) {
                differences.add(path + " is null in the example but " + actual + " on the wire");
            }
        } else if (actual == null || actual.isMissingNode()) {
            differences.add(path + " is not a field of this message");
        } else if (written.isObject()) {
            if (!actual.isObject()) {
                differences.add(path + " should be an object");
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = written.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                collectDifferences(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()),
                        differences);
            }
        } else if (written.isArray()) {
            if (!actual.isArray() || actual.size() != written.size()) {
                differences.add(path + " should be an array of " + written.size());
                return;
            }
            for (int i = 0; i < written.size(); i++) {
                collectDifferences(path + "[" + i + "]", written.get(i), actual.get(i), differences);
            }
        } else if (written.isNumber() && actual.isNumber()) {
            if (written.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(path + " is " + written + " in the example but " + actual + " on the wire");
            }
        } else if (!written.equals(actual)) {
            differences.add(path + " is " + written + " in the example but " + actual + " on the wire");
        }
    }

    private static String document() {
        try {
            return Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT.toAbsolutePath(), e);
        }
    }
}
