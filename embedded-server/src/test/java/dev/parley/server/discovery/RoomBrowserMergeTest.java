package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.discovery.LanAnnouncement;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the browser merges what its responders resolve, without the network. */
class RoomBrowserMergeTest {
    private static final InetAddress V4 = LanInterfaces.literal("192.168.1.5");
    private static final InetAddress V6 = LanInterfaces.literal("fd00::5");
    private final List<List<DiscoveredRoom>> published = new ArrayList<>();
    private final RoomBrowser browser = RoomBrowser.detached(published::add);

    private static DiscoveredRoom room(String service, String host, int users) {
        return new DiscoveredRoom(service, host, new LanAnnouncement("LAN party", 7720, 7720, null, false, users, 1, "0.1.0"));
    }

    @Test
    void aRoomSeenOverIpv4AndIpv6IsListedOnceWithItsIpv4Address() {
        browser.saw(room("LAN party [aa]", "fd00::9", 0), V6);
        browser.saw(room("LAN party [aa]", "192.168.1.9", 0), V4);
        assertThat(browser.rooms()).extracting(DiscoveredRoom::host).containsExactly("192.168.1.9");

        browser.forget("LAN party [aa]", V4);
        assertThat(browser.rooms()).extracting(DiscoveredRoom::host).containsExactly("fd00::9");
        browser.forget("LAN party [aa]", V6);
        assertThat(browser.rooms()).isEmpty();
        assertThat(published.get(published.size() - 1)).isEmpty();
    }

    @Test
    void anUnchangedListIsNotPublishedAgainAndAChangedCountIs() {
        browser.saw(room("LAN party [aa]", "192.168.1.9", 0), V4);
        browser.saw(room("LAN party [aa]", "192.168.1.9", 0), V4);
        assertThat(published).hasSize(1);
        browser.saw(room("LAN party [aa]", "192.168.1.9", 3), V4);
        assertThat(published).hasSize(2);
        assertThat(published.get(1).get(0).usersOnline()).isEqualTo(3);
    }

    @Test
    void aFloodOfAnnouncementsIsCappedAndListedRoomsStillUpdate() {
        for (int i = 0; i < RoomBrowser.MAX_ROOMS + 500; i++) {
            browser.saw(room("Flood [" + i + "]", "192.168.1." + (i % 250 + 1), 0), V4);
        }
        assertThat(browser.rooms()).hasSize(RoomBrowser.MAX_ROOMS);
        browser.saw(room("Flood [0]", "192.168.1.1", 7), V4);
        assertThat(browser.rooms()).anyMatch(listed -> listed.serviceName().equals("Flood [0]") && listed.usersOnline() == 7);
        browser.forget("Flood [1]", V4);
        browser.saw(room("Late [x]", "192.168.1.77", 0), V4);
        assertThat(browser.rooms()).hasSize(RoomBrowser.MAX_ROOMS).anyMatch(listed -> listed.serviceName().equals("Late [x]"));
    }
}
