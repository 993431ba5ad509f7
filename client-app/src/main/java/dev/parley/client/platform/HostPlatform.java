package dev.parley.client.platform;

import java.util.Locale;
import java.util.Set;

/**
 * The OS and CPU this JVM runs on, named as the {@code platform-*} build profiles name them
 * ({@code linux-x64}, {@code windows-x64}, {@code macos-arm64}, ...).
 *
 * @param os  {@code linux}, {@code windows}, {@code macos} or {@code other}
 * @param cpu {@code x64}, {@code arm64}, {@code x86}, {@code arm} or what Java reported
 */
public record HostPlatform(String os, String cpu) {
    /** The platforms Parley's build ships natives for (client-app/pom.xml's profiles). */
    public static final Set<String> SHIPPED = Set.of("linux-x64", "linux-arm64", "windows-x64", "macos-x64", "macos-arm64");

    public HostPlatform {
        if (os == null || cpu == null) {
            throw new IllegalArgumentException("A platform needs an OS and a CPU.");
        }
    }

    public static HostPlatform current() {
        return of(System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    /** From Java's {@code os.name} and {@code os.arch}. */
    public static HostPlatform of(String osName, String osArch) {
        if (osName == null || osArch == null) {
            throw new IllegalArgumentException("os.name and os.arch are needed to name the platform.");
        }
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("windows") ? "windows"
                : name.startsWith("mac") || name.startsWith("darwin") ? "macos"
                : name.startsWith("linux") ? "linux" : "other";
        String arch = osArch.toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64", "x64" -> "x64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            case "arm", "arm32" -> "arm";
            default -> arch;
        };
        return new HostPlatform(os, cpu);
    }

    public String id() {
        return os + "-" + cpu;
    }

    public boolean supported() {
        return SHIPPED.contains(id());
    }
}
