package dev.parley.client.ui.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.e2e.SealedSearch;
import dev.parley.protocol.control.model.ChannelE2e;
import dev.parley.protocol.control.model.ChannelInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the search panel says about encrypted channels it searched on this device, or could not. */
class SealedScopeTest {
    private static final ChannelInfo VAULT = new ChannelInfo(4, 1L, "Vault", "", 0, false,
            new ChannelE2e(1, "AAAAAAAAAAAAAAAAAAAAAA=="));

    @Test
    void saysWhenItStoppedAtTheNewestMessagesAndHowManyItCouldNotOpen() {
        SealedSearch.Outcome outcome = new SealedSearch.Outcome(4, List.of(), 5_000, true, 3);
        assertThat(SealedScope.note(VAULT, outcome, true)).isEqualTo(
                "Searched on this device: this channel is end-to-end encrypted, so the room can't search it."
                        + " Only its newest 5,000 messages were searched."
                        + " 3 messages could not be opened with the passphrase given and were not searched.");
        assertThat(SealedScope.note(VAULT, outcome, false)).isEqualTo(
                "Also searched on this device: # Vault (end-to-end encrypted)."
                        + " Only the newest 5,000 messages of # Vault were searched."
                        + " 3 messages could not be opened with the passphrase given and were not searched.");
    }

    @Test
    void namesTheChannelsItSkippedForWantOfAPassphrase() {
        SealedScope.Plan plan = new SealedScope.Plan(List.of(), true, List.of("# Vault", "# Attic"), false);
        assertThat(plan.skippedNote())
                .isEqualTo("Not searched: # Vault, # Attic (end-to-end encrypted; enter a channel's passphrase to search it).");
        assertThat(SealedScope.Plan.ROOM.skippedNote()).isNull();
    }
}
