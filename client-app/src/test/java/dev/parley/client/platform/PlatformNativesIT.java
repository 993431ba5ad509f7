package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After {@code package}: the shaded client jar carries webrtc-java's, JavaFX's, jnativehook's, JNA's and argon2-jvm's natives
 * for exactly the build's platform profile, and nothing for another platform.
 */
class PlatformNativesIT {

    @Test
    void shadedClientJarCarriesExactlyOnePlatformsNatives() {
        String expected = PlatformNativesTest.expectedPlatform();
        Path jar = Path.of(System.getProperty("parley.clientJar", "target/parley-client.jar"));
        assertThat(jar).as("the shaded client jar (run after package)").exists();
        assertThat(Files.isRegularFile(jar)).isTrue();

        List<NativeLibrary> natives = NativeInventory.scan(List.of(jar));
        Map<String, Set<String>> platformsByFamily = natives.stream().collect(Collectors.groupingBy(NativeLibrary::family,
                Collectors.mapping(NativeLibrary::platform, Collectors.toCollection(TreeSet::new))));

        assertThat(platformsByFamily).containsOnlyKeys("webrtc", "javafx", "jnativehook", "jna", "argon2");
        assertThat(platformsByFamily.get("jna")).containsExactly(expected);
        assertThat(platformsByFamily.get("argon2")).containsExactly(expected);
        assertThat(platformsByFamily.get("webrtc")).containsExactly(expected);
        assertThat(platformsByFamily.get("javafx")).containsExactly(expected);
        assertThat(platformsByFamily.get("jnativehook")).containsExactly(expected);
    }
}
