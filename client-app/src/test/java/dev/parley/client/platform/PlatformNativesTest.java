package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The runtime class path carries webrtc-java's and JavaFX's natives for exactly the platform profile the
 * build ran with ({@code parley.platform}, set by the {@code platform-*} profiles in client-app/pom.xml),
 * none for any other. jnativehook's, JNA's and argon2-jvm's jars hold every OS's natives: the shaded jar drops the others,
 * which {@link PlatformNativesIT} checks. scripts/check-natives.sh runs this under each profile.
 */
class PlatformNativesTest {
    /** Libraries that put every OS's natives in one jar; the shade plugin keeps only the platform's. */
    static final Set<String> SHADE_FILTERED = Set.of("jnativehook", "jna", "argon2");

    static String expectedPlatform() {
        String platform = System.getProperty("parley.platform", "");
        assumeTrue(!platform.isBlank() && !platform.startsWith("$"),
                "run through Maven: the platform-* profile sets parley.platform");
        return platform;
    }

    /** Written by maven-dependency-plugin (build-classpath, runtime scope) before the tests run. */
    static List<Path> runtimeClassPath() {
        Path file = Path.of("target", "runtime-classpath.txt");
        assumeTrue(Files.isRegularFile(file), "run through Maven: it writes target/runtime-classpath.txt");
        try {
            return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                    .filter(part -> !part.isBlank()).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void runtimeClassPathCarriesExactlyTheProfilesWebRtcAndJavaFxNatives() {
        String expected = expectedPlatform();
        List<NativeLibrary> natives = NativeInventory.scan(runtimeClassPath());
        Map<String, Set<String>> platformsByFamily = natives.stream()
                .filter(library -> !SHADE_FILTERED.contains(library.family()))
                .collect(Collectors.groupingBy(NativeLibrary::family,
                        Collectors.mapping(NativeLibrary::platform, Collectors.toCollection(TreeSet::new))));

        assertThat(platformsByFamily.get("webrtc")).as("webrtc-java natives").containsExactly(expected);
        assertThat(platformsByFamily.get("javafx")).as("JavaFX natives").containsExactly(expected);
        assertThat(natives).filteredOn(library -> library.family().equals("other"))
                .as("natives from a library nobody sorted into a platform profile").isEmpty();
    }

    @Test
    void theHostsOwnProfileIsTheOneMavenPickedWhenNothingWasNamed() {
        String expected = expectedPlatform();
        assumeTrue(!Boolean.getBoolean("parley.crossPlatform"), "a cross-platform build names its profile");
        assertThat(expected).isEqualTo(HostPlatform.current().id());
    }
}
