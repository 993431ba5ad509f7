package dev.parley.client.core.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The badge text the app and the CLI share: exact below the room's cap, "1000+" where the room stopped counting. */
class UnreadBadgeTest {
    @Test
    void exactCountsShowAsTheyAre() {
        assertThat(UnreadBadge.text(1, false)).isEqualTo("1");
        assertThat(UnreadBadge.text(999, false)).isEqualTo("999");
        assertThat(UnreadBadge.text(1000, false)).isEqualTo("1000");
    }

    @Test
    void aCappedCountOrOneThatGrewPastTheCapShowsAPlus() {
        assertThat(UnreadBadge.text(1000, true)).isEqualTo("1000+");
        assertThat(UnreadBadge.text(1001, false)).isEqualTo("1000+");
        assertThat(UnreadBadge.text(1007, true)).as("new messages after a capped sign-in").isEqualTo("1000+");
        assertThat(UnreadBadge.text(600, true)).as("the room's walk stopped at the reader's own messages")
                .isEqualTo("600+");
    }
}
