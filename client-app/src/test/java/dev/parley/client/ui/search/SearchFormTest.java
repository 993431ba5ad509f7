package dev.parley.client.ui.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.core.net.Conversation;
import dev.parley.protocol.control.message.Search;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SearchFormTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Function<String, Optional<Long>> NAMES =
            name -> name.equalsIgnoreCase("bob") ? Optional.of(7L) : Optional.empty();

    @Test
    void theFieldsBecomeOneRequestWithWholeLocalDaysBothIncluded() throws Exception {
        SearchForm form = new SearchForm("  game \"at 8\" ", Conversation.channel(3), "@Bob", LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 1), true);

        Search.Query query = form.query(NAMES, ZONE, 99L, 20);

        assertThat(query.text()).isEqualTo("game \"at 8\"");
        assertThat(query.channelId()).isEqualTo(3L);
        assertThat(query.userId()).isNull();
        assertThat(query.fromUserId()).isEqualTo(7L);
        assertThat(query.after()).isEqualTo(LocalDate.of(2026, 12, 1).atStartOfDay(ZONE).toInstant().toEpochMilli());
        assertThat(query.before()).isEqualTo(LocalDate.of(2026, 12, 2).atStartOfDay(ZONE).toInstant().toEpochMilli());
        assertThat(query.hasFile()).isTrue();
        assertThat(query.beforeId()).isEqualTo(99L);
        assertThat(query.limit()).isEqualTo(20);
        assertThat(new SearchForm("x", Conversation.direct(5), "", null, null, false).query(NAMES, ZONE, null, 20).userId())
                .isEqualTo(5L);
    }

    @Test
    void whatCannotBeSearchedIsSaidInWords() {
        assertThatThrownBy(() -> new SearchForm(" ", null, "", null, null, false).query(NAMES, ZONE, null, 20))
                .isInstanceOf(SearchForm.Unusable.class).hasMessageStartingWith("Type words to look for");
        assertThatThrownBy(() -> new SearchForm("x", null, "zed", null, null, false).query(NAMES, ZONE, null, 20))
                .hasMessage("Nobody called “zed” has an account in this room: check the name in “From”.");
        assertThatThrownBy(() -> new SearchForm("x", null, "", LocalDate.of(2026, 12, 2), LocalDate.of(2026, 12, 1), false)
                .query(NAMES, ZONE, null, 20)).hasMessageStartingWith("The “on or after” date is later");
        assertThatThrownBy(() -> new SearchForm("x".repeat(201), null, "", null, null, false).query(NAMES, ZONE, null, 20))
                .hasMessageStartingWith("That is too much to search for");
        assertThatThrownBy(() -> new SearchForm("x", Conversation.direct(-4), "", null, null, false).query(NAMES, ZONE, null, 20))
                .hasMessageStartingWith("Guests have no direct messages");
    }
}
