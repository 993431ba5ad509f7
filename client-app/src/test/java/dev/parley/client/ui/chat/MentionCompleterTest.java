package dev.parley.client.ui.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MentionCompleterTest {

    @Test
    void findsTheMentionBeforeTheCaret() {
        assertThat(MentionCompleter.partial("hi @ro", 6)).contains(new MentionCompleter.Partial(3, "ro"));
        assertThat(MentionCompleter.partial("@", 1)).contains(new MentionCompleter.Partial(0, ""));
    }

    @Test
    void anEmailAddressOrAFinishedWordIsNoMention() {
        assertThat(MentionCompleter.partial("mail ann@example", 16)).isEmpty();
        assertThat(MentionCompleter.partial("hi @root there", 14)).isEmpty();
        assertThat(MentionCompleter.partial("", 0)).isEmpty();
    }

    @Test
    void suggestsNamesByPrefixIgnoringCaseShortestFirst() {
        MentionCompleter.Partial partial = new MentionCompleter.Partial(0, "Ro");
        assertThat(MentionCompleter.suggestions(partial, List.of("robert", "root", "ann", "Rob")))
                .containsExactly("Rob", "root", "robert");
    }

    @Test
    void completingReplacesOnlyThePartialMention() {
        MentionCompleter.Partial partial = MentionCompleter.partial("hi @ro and more", 6).orElseThrow();
        assertThat(MentionCompleter.complete("hi @ro and more", 6, partial, "root")).isEqualTo("hi @root  and more");
    }
}
