package dev.parley.protocol.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.tls.Fingerprint;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanAnnouncementTest {
    private static final Fingerprint FP = Fingerprint.parse("3F".repeat(32));

    @Test
    void roundTripsEveryField() {
        LanAnnouncement room = new LanAnnouncement("LAN party", 7720, 7730, FP, true, 5, 1, "0.1.0");
        Map<String, String> txt = room.toTxt();
        assertThat(txt).containsEntry("room", "LAN party").containsEntry("port", "7720").containsEntry("voice", "7730")
                .containsEntry("tls", "1").containsEntry("fp", FP.toString()).containsEntry("password", "true")
                .containsEntry("users", "5").containsEntry("proto", "1").containsEntry("version", "0.1.0")
                .containsEntry("txtvers", "1");
        assertThat(LanAnnouncement.fromTxt(txt, 1)).isEqualTo(room);
    }

    @Test
    void voicePortIsOnlyWrittenWhenItDiffersAndAPlainRoomHasNoFingerprint() {
        Map<String, String> txt = new LanAnnouncement("Plain", 7720, 7720, null, false, 0, 1, "0.1.0").toTxt();
        assertThat(txt).doesNotContainKeys("voice", "fp").containsEntry("tls", "0");
        LanAnnouncement read = LanAnnouncement.fromTxt(txt, 7720);
        assertThat(read.voicePort()).isEqualTo(7720);
        assertThat(read.tls()).isFalse();
    }

    @Test
    void readsTheFirstLayoutOldHostsStillAnnounce() {
        // What Parley announced before this layout: room, port and password only.
        LanAnnouncement read = LanAnnouncement.fromTxt(Map.of("room", "Old", "port", "7720", "password", "false"), 7720);
        assertThat(read.roomName()).isEqualTo("Old");
        assertThat(read.usersOnline()).isEqualTo(-1);
        assertThat(read.protocolVersion()).isZero();
        assertThat(read.fingerprint()).isNull();
    }

    @Test
    void portFallsBackToTheSrvRecordAndUnknownKeysAreIgnored() {
        LanAnnouncement read = LanAnnouncement.fromTxt(Map.of("room", "R", "future", "x"), 9000);
        assertThat(read.port()).isEqualTo(9000);
    }

    @Test
    void aLongNameIsCutToFitOneTxtStringWithoutSplittingACharacter() {
        String name = "ü".repeat(300);
        LanAnnouncement room = new LanAnnouncement(name, 7720, 7720, null, false, 0, 1, "0.1.0");
        int bytes = ("room=" + room.roomName()).getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(255).isGreaterThan(250);
        assertThat(room.roomName()).matches("ü+");
        room.toTxt().forEach((key, value) ->
                assertThat((key + "=" + value).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255));
    }

    @Test
    void malformedAnnouncementsAreRefusedNamingTheKey() {
        Map<String, String> good = new LanAnnouncement("R", 7720, 7720, FP, false, 0, 1, "0.1.0").toTxt();
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "room", null), 7720)).hasMessageContaining("'room'");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "port", "70000"), 7720)).hasMessageContaining("port");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "port", "-1"), 7720)).hasMessageContaining("'port'");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "users", "many"), 7720)).hasMessageContaining("'users'");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "fp", "zz"), 7720)).hasMessageContaining("'fp'");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "fp", null), 7720)).hasMessageContaining("tls=1");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "password", "yes"), 7720)).hasMessageContaining("'password'");
        assertThatThrownBy(() -> LanAnnouncement.fromTxt(with(good, "users", "99999999999"), 7720)).hasMessageContaining("'users'");
    }

    private static Map<String, String> with(Map<String, String> txt, String key, String value) {
        Map<String, String> copy = new HashMap<>(txt);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return copy;
    }
}
