package dev.parley.client.ui.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfflineMembersTest {
    private static final long NOW = 1_718_000_000_000L;

    @Test
    void lastSeenReadsInTheLargestUnitThatFits() {
        assertThat(OfflineMembers.lastSeen(NOW - 20_000, NOW)).isEqualTo("last seen just now");
        assertThat(OfflineMembers.lastSeen(NOW - 5 * 60_000, NOW)).isEqualTo("last seen 5 min ago");
        assertThat(OfflineMembers.lastSeen(NOW - 3 * 3_600_000, NOW)).isEqualTo("last seen 3 h ago");
        assertThat(OfflineMembers.lastSeen(NOW - 26 * 3_600_000L, NOW)).isEqualTo("last seen 1 day ago");
        assertThat(OfflineMembers.lastSeen(NOW - 9 * 86_400_000L, NOW)).isEqualTo("last seen 9 days ago");
    }

    @Test
    void anAccountNeverSeenSaysSoAndAClockBehindNeverGoesNegative() {
        assertThat(OfflineMembers.lastSeen(null, NOW)).isEqualTo("never seen");
        assertThat(OfflineMembers.lastSeen(NOW + 60_000, NOW)).isEqualTo("last seen just now");
    }
}
