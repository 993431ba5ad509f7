package dev.parley.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class LanInterfacesTest {
    private static InetAddress ip(String literal) {
        return LanInterfaces.literal(literal);
    }

    private static final LanInterfaces.Nic LO = new LanInterfaces.Nic("lo", true, false, true, false,
            List.of(ip("127.0.0.1"), ip("::1")));
    private static final LanInterfaces.Nic ETH = new LanInterfaces.Nic("eth0", true, true, false, false,
            List.of(ip("fe80::1"), ip("192.168.1.5"), ip("fd00::5"), ip("192.168.1.6")));
    private static final LanInterfaces.Nic WLAN = new LanInterfaces.Nic("wlan0", true, true, false, false,
            List.of(ip("10.0.0.7"), ip("fe80::7")));
    private static final LanInterfaces.Nic DOWN = new LanInterfaces.Nic("eth1", false, true, false, false,
            List.of(ip("172.16.0.1")));
    private static final LanInterfaces.Nic TUNNEL = new LanInterfaces.Nic("tun0", true, false, false, false,
            List.of(ip("10.8.0.2")));

    @Test
    void defaultIsEveryUpMulticastNonLoopbackInterfaceWithOneIpv4AndOneIpv6Each() {
        // The old code took the first non-loopback IPv4 address only: a machine on Ethernet and Wi-Fi
        // was invisible on one of them, and IPv6-only browsers saw nothing.
        assertThat(LanInterfaces.chooseDefault(List.of(LO, ETH, DOWN, TUNNEL, WLAN)))
                .containsExactly(ip("192.168.1.5"), ip("fd00::5"), ip("10.0.0.7"), ip("fe80::7"));
    }

    @Test
    void noLanInterfaceMeansNothingToAnnounceOn() {
        assertThat(LanInterfaces.chooseDefault(List.of(LO, DOWN))).isEmpty();
    }

    @Test
    void loopbackCanBeNamedExplicitlyAsTestsDo() {
        assertThat(LanInterfaces.parse("127.0.0.1")).containsExactly(ip("127.0.0.1"));
        assertThat(LanInterfaces.parse("lo")).contains(ip("127.0.0.1"));
    }

    @Test
    void aRoomListeningOnOneAddressIsAnnouncedOnlyThere() {
        assertThat(LanInterfaces.forListenAddress("127.0.0.1")).containsExactly(ip("127.0.0.1"));
        assertThat(LanInterfaces.forListenAddress("localhost")).allMatch(InetAddress::isLoopbackAddress);
    }

    @Test
    void theBuildKeepsEveryTestOnLoopback() {
        // Set by the surefire configuration of both modules; defaults() must honour it.
        assertThat(System.getProperty(LanInterfaces.PROPERTY)).isEqualTo("127.0.0.1");
        assertThat(LanInterfaces.defaults()).containsExactly(ip("127.0.0.1"));
        assertThat(LanInterfaces.forListenAddress("0.0.0.0")).containsExactly(ip("127.0.0.1"));
    }

    @Test
    void unknownEntriesAreRefusedWithWhatExists() {
        assertThatThrownBy(() -> LanInterfaces.parse("wlan9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'wlan9' is neither an interface").hasMessageContaining("lo");
        assertThatThrownBy(() -> LanInterfaces.parse("203.0.113.9"))
                .hasMessageContaining("203.0.113.9 is not an address of this machine");
        assertThatThrownBy(() -> LanInterfaces.parse(" , "))
                .hasMessageContaining("no interface given");
    }

    @Test
    void literalsNeverLookUpNames() {
        assertThatThrownBy(() -> LanInterfaces.literal("example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThat(LanInterfaces.literal("[::1]")).isEqualTo(ip("::1"));
    }
}
