package dev.parley.client.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnippetsTest {
    @Test
    void termsAreTheLowerCasedWordsOfWordsAndPhrases() {
        assertThat(Snippets.terms("Game \"tonight at 8\" *:*")).containsExactlyInAnyOrder("game", "tonight", "at", "8");
        assertThat(Snippets.terms(null)).isEmpty();
    }

    @Test
    void marksEveryWholeWordHitInAnyCase() {
        List<Snippets.Run> runs = Snippets.of("Quokka time, quokkas and QUOKKA!", Set.of("quokka"));
        assertThat(runs).containsExactly(new Snippets.Run("Quokka", true), new Snippets.Run(" time, quokkas and ", false),
                new Snippets.Run("QUOKKA", true), new Snippets.Run("!", false));
    }

    @Test
    void aLongMessageShowsAWindowAroundTheFirstHit() {
        String text = "word ".repeat(100) + "needle " + "tail ".repeat(100);
        List<Snippets.Run> runs = Snippets.of(text, Set.of("needle"));
        assertThat(runs.get(0).text()).isEqualTo("…");
        assertThat(runs.get(runs.size() - 1).text()).isEqualTo("…");
        assertThat(runs).contains(new Snippets.Run("needle", true));
        int shown = runs.stream().mapToInt(run -> run.text().length()).sum();
        assertThat(shown).isLessThanOrEqualTo(Snippets.WINDOW + 2);
    }

    @Test
    void withoutHitsTheStartIsShown() {
        assertThat(Snippets.of("line one\nline two", Set.of())).containsExactly(new Snippets.Run("line one line two", false));
    }
}
