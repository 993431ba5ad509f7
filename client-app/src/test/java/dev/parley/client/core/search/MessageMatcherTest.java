package dev.parley.client.core.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Search;
import dev.parley.protocol.control.model.ChatMessage;
import dev.parley.protocol.control.model.FileInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The client's matcher for encrypted channels finds what the room's search would (PROTOCOL §19, "Words"). */
class MessageMatcherTest {
    private static final long ANN = 1;
    private static final long BOB = 2;

    private static ChatMessage message(long author, long ts, String text) {
        return new ChatMessage(10, ts, 4L, null, author, author == ANN ? "ann" : "bob", text, null, null, false, "n",
                List.of());
    }

    private static MessageMatcher words(String text) {
        return MessageMatcher.of(new Search.Query(text, 4L, null, null, null, null, null, null, null));
    }

    @ParameterizedTest(name = "\"{0}\" finds \"{1}\": {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "eagle|The Eagle lands at midnight|true",
            "MIDNIGHT eagle|the eagle lands at midnight|true",
            "eagle owl|the eagle lands at midnight|false",
            "eagl|the eagle lands at midnight|false",
            "\"eagle lands\"|the eagle lands at midnight|true",
            "\"lands eagle\"|the eagle lands at midnight|false",
            "\"eagle midnight\"|the eagle lands at midnight|false",
            "eagle, midnight!|eagle... at MIDNIGHT?|true",
            "café|Un CAFÉ noir|true",
            "e2e|an e2e channel|true",
            "*|anything at all|false",
            "OR|this or that|true",
            "don't|I don't know|true",
            "\"!!!\" eagle|the eagle|true"
    })
    void matchesWordsAndPhrasesAsTheRoomDoes(String query, String text, boolean found) {
        assertThat(words(query).test(message(BOB, 1_000, text))).isEqualTo(found);
    }

    @Test
    void aDeletedMessageIsNeverFound() {
        ChatMessage tombstone = new ChatMessage(10, 1_000, 4L, null, BOB, "bob", "eagle", null, null, true, "n", List.of());
        assertThat(words("eagle").test(tombstone)).isFalse();
    }

    @Test
    void filtersByAuthorAndTimeWithAfterInclusiveAndBeforeExclusive() {
        MessageMatcher fromBob = MessageMatcher.of(new Search.Query("eagle", 4L, null, BOB, 1_000L, 2_000L, null, null, null));
        assertThat(fromBob.test(message(BOB, 1_000, "eagle"))).isTrue();
        assertThat(fromBob.test(message(BOB, 1_999, "eagle"))).isTrue();
        assertThat(fromBob.test(message(BOB, 2_000, "eagle"))).isFalse();
        assertThat(fromBob.test(message(BOB, 999, "eagle"))).isFalse();
        assertThat(fromBob.test(message(ANN, 1_500, "eagle"))).isFalse();
    }

    @Test
    void withoutWordsTheFiltersAloneDecide() {
        MessageMatcher fromAnn = MessageMatcher.of(new Search.Query(null, 4L, null, ANN, null, null, null, null, null));
        assertThat(fromAnn.test(message(ANN, 1_000, "anything"))).isTrue();
        assertThat(fromAnn.test(message(BOB, 1_000, "anything"))).isFalse();
    }

    @Test
    void hasFileFindsOnlyMessagesWithAFile() {
        MessageMatcher withFile = MessageMatcher.of(new Search.Query("eagle", 4L, null, null, null, null, true, null, null));
        ChatMessage plain = message(BOB, 1_000, "eagle");
        ChatMessage carrying = new ChatMessage(11, 1_000, 4L, null, BOB, "bob", "eagle", null, null, false, "n", List.of(),
                new FileInfo("0".repeat(64), "eagle.png", 10, "image/png", null, null, false));
        assertThat(withFile.test(plain)).isFalse();
        assertThat(withFile.test(carrying)).isTrue();
    }

    @Test
    void termsAreTheLowerCasedWordsOfWordsAndPhrases() {
        assertThat(words("Eagle \"LANDS at\" !").terms()).containsExactlyInAnyOrder("eagle", "lands", "at");
    }
}
