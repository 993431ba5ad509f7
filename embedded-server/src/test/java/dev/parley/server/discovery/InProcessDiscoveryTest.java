package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ProtocolVersion;
import dev.parley.server.ParleyServer;
import dev.parley.server.support.Rooms;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rooms started in-process, announced and browsed on 127.0.0.1 only. */
class InProcessDiscoveryTest {
    @TempDir
    Path data;

    @Test
    void twoRoomsWithTheSameNameAreToldApartAndEachGoesWhenItStops() throws Exception {
        String name = "Same name " + UUID.randomUUID().toString().substring(0, 8);
        try (LoopbackBrowser browser = new LoopbackBrowser();
             ParleyServer first = ParleyServer.start(Rooms.config(data.resolve("a")).roomName(name).build());
             ParleyServer second = ParleyServer.start(Rooms.config(data.resolve("b")).roomName(name).build())) {
            RoomAnnouncer one = RoomAnnouncer.start(first, LoopbackBrowser.LOOPBACK);
            RoomAnnouncer two = RoomAnnouncer.start(second, LoopbackBrowser.LOOPBACK);
            try {
                // Each responder is bound to loopback and nothing else: no test touches a real interface.
                assertThat(one.started().get(30, TimeUnit.SECONDS)).containsExactly(InetAddress.getLoopbackAddress());
                assertThat(two.started().get(30, TimeUnit.SECONDS)).containsExactly(InetAddress.getLoopbackAddress());
                List<DiscoveredRoom> both = browser.awaitRooms(name, rooms -> rooms.size() == 2);
                assertThat(both).extracting(DiscoveredRoom::roomName).containsOnly(name);
                assertThat(both).extracting(DiscoveredRoom::serviceName).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrder(one.instanceName(), two.instanceName());
                assertThat(both).extracting(DiscoveredRoom::port).containsExactlyInAnyOrder(first.port(), second.port());
                DiscoveredRoom seenFirst = both.stream().filter(room -> room.port() == first.port()).findFirst().orElseThrow();
                assertThat(seenFirst.host()).isEqualTo("127.0.0.1");
                assertThat(seenFirst.fingerprint()).isEqualTo(first.fingerprint().orElseThrow());
                assertThat(seenFirst.announcement().protocolVersion()).isEqualTo(ProtocolVersion.CURRENT);
                assertThat(seenFirst.usersOnline()).isZero();
                assertThat(seenFirst.passwordRequired()).isFalse();

                one.close();
                List<DiscoveredRoom> left = browser.awaitRooms(name, rooms -> rooms.size() == 1);
                assertThat(left.get(0).port()).isEqualTo(second.port());
            } finally {
                one.close();
                two.close();
            }
            browser.awaitRooms(name, List::isEmpty);
        }
    }
}
