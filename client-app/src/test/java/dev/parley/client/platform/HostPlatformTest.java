package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostPlatformTest {

    @Test
    void namesWhatJavaReportsOnEachShippedPlatform() {
        assertThat(HostPlatform.of("Linux", "amd64").id()).isEqualTo("linux-x64");
        assertThat(HostPlatform.of("Linux", "aarch64").id()).isEqualTo("linux-arm64");
        assertThat(HostPlatform.of("Windows 11", "amd64").id()).isEqualTo("windows-x64");
        assertThat(HostPlatform.of("Mac OS X", "x86_64").id()).isEqualTo("macos-x64");
        assertThat(HostPlatform.of("Mac OS X", "aarch64").id()).isEqualTo("macos-arm64");
    }

    @Test
    void anOsOrCpuParleyDoesNotShipSaysSo() {
        assertThat(HostPlatform.of("Windows 11", "aarch64").supported()).isFalse();
        assertThat(HostPlatform.of("FreeBSD", "amd64").supported()).isFalse();
        assertThat(HostPlatform.of("Linux", "amd64").supported()).isTrue();
        assertThatThrownBy(() -> HostPlatform.of(null, "amd64")).isInstanceOf(IllegalArgumentException.class);
    }
}
