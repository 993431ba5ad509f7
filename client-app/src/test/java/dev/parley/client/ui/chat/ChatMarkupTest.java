package dev.parley.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ui.chat.ChatMarkup.Run;
import dev.parley.client.ui.chat.ChatMarkup.Style;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatMarkupTest {

    @Test
    void boldItalicAndCodeBecomeStyledRuns() {
        assertThat(ChatMarkup.parse("a **b** _c_ *d* `e`")).containsExactly(
                new Run("a ", Style.PLAIN), new Run("b", Style.BOLD), new Run(" ", Style.PLAIN),
                new Run("c", Style.ITALIC), new Run(" ", Style.PLAIN), new Run("d", Style.ITALIC),
                new Run(" ", Style.PLAIN), new Run("e", Style.CODE));
    }

    @Test
    void nothingInsideCodeIsFormatted() {
        assertThat(ChatMarkup.parse("`**not bold** http://x.example`"))
                .containsExactly(new Run("**not bold** http://x.example", Style.CODE));
    }

    @Test
    void unpairedMarkersStayAsTyped() {
        String text = "2 * 3 = 6, snake_case_name, **half, a*b";
        assertThat(ChatMarkup.parse(text)).containsExactly(new Run(text, Style.PLAIN));
    }

    @Test
    void quoteLinesAreQuotesAndOtherLinesAreNot() {
        assertThat(ChatMarkup.parse("> she said\nI agree")).containsExactly(
                new Run("she said\n", Style.QUOTE), new Run("I agree", Style.PLAIN));
        assertThat(ChatMarkup.parse("a > b")).containsExactly(new Run("a > b", Style.PLAIN));
    }

    @Test
    void linksAreFoundBesideFormatting() {
        assertThat(ChatMarkup.parse("**see** https://parley.example/a?b=1 now")).containsExactly(
                new Run("see", Style.BOLD), new Run(" ", Style.PLAIN), new Run("https://parley.example/a?b=1", Style.LINK),
                new Run(" now", Style.PLAIN));
    }

    @Test
    void theTextIsNeverLost() {
        for (String text : List.of("**", "*", "``", "> ", "_a_b_", "***x***", "a\n\nb", "**a\nb**")) {
            String joined = String.join("", ChatMarkup.parse(text).stream().map(Run::text).toList());
            assertThat(joined.replace("*", "").replace("_", "").replace("`", "").replace("> ", ""))
                    .as(text).isEqualTo(text.replace("*", "").replace("_", "").replace("`", "").replace("> ", ""));
        }
    }
}
