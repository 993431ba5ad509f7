package dev.parley.client.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RecentServerTest {

    @Test
    void theLabelNamesTheRoomFirst() {
        assertThat(new RecentServer("10.0.0.5", 7720, "ann", false, "Game night").label())
                .isEqualTo("Game night  —  ann @ 10.0.0.5:7720");
        assertThat(new RecentServer("10.0.0.5", 7720, "", true, "").label()).isEqualTo("10.0.0.5:7720");
    }

    @Test
    void preferencesSavedBeforeRoomNamesStillLoad() throws Exception {
        RecentServer old = new ObjectMapper().readValue(
                "{\"host\":\"10.0.0.5\",\"port\":7720,\"username\":\"ann\",\"guest\":false}", RecentServer.class);
        assertThat(old.roomName()).isEmpty();
        assertThat(old.label()).isEqualTo("ann @ 10.0.0.5:7720");
    }

    @Test
    void theReconnectCountdownRoundsUpAndSaysWhenItIsTrying() {
        assertThat(MainViewModel.reconnecting(0, 1_000)).isEqualTo("Reconnecting…");
        assertThat(MainViewModel.reconnecting(5_000, 1_000)).isEqualTo("Reconnecting… next try in 4 s");
        assertThat(MainViewModel.reconnecting(5_001, 1_000)).isEqualTo("Reconnecting… next try in 5 s");
        assertThat(MainViewModel.reconnecting(900, 1_000)).isEqualTo("Reconnecting… trying now");
    }

    @Test
    void preferencesWithoutAnAwayTimeGetTheDefault() throws Exception {
        UserPreferences prefs = new ObjectMapper().readValue("{\"theme\":\"dark\"}", UserPreferences.class);
        assertThat(prefs.awayAfterMinutes()).isEqualTo(UserPreferences.DEFAULT_AWAY_MINUTES);
        assertThat(prefs.withAwayAfterMinutes(0).awayAfterMinutes()).as("0 means never").isZero();
    }
}
