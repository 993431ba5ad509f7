package dev.parley.client.platform.doctor;

import dev.parley.client.core.audio.internal.WebRtcLibrary;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.platform.HostPlatform;
import dev.parley.client.platform.NativeInventory;
import dev.parley.client.platform.NativeLibrary;
import dev.parley.client.platform.SingleInstance;
import dev.parley.platform.AppDirs;
import dev.parley.protocol.ProtocolVersion;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code parley doctor}: what a user pastes when asking for help. Versions, the platform and which natives
 * this install carries, whether echo cancellation's native library loads (and why not), the sound devices
 * and formats, the data and log folders, and, given a room, its fingerprint, UDP or tunnel, round trip and
 * loss. Every line passes a {@link Redactor} last: no password, token or key reaches the report. Blocking;
 * call it off the UI thread.
 *
 * @param dirs       the data and log folders to describe
 * @param room       the room to check, if any
 * @param measure    how long to measure the voice link
 * @param openAudio  really open each sound device in Parley's format (not only read the list)
 * @param relayRoute where voice datagrams go (identity, except in tests)
 */
public record Doctor(AppDirs dirs, Optional<RoomTarget> room, Duration measure, boolean openAudio,
                     UnaryOperator<InetSocketAddress> relayRoute) {

    public Doctor {
        if (dirs == null || room == null || measure == null || relayRoute == null) {
            throw new IllegalArgumentException("Doctor needs folders, a room (or none), a measuring time and a relay route.");
        }
    }

    public static Doctor forThisMachine(AppDirs dirs, Optional<RoomTarget> room) {
        return new Doctor(dirs, room, Duration.ofSeconds(5), true, UnaryOperator.identity());
    }

    public DoctorReport run() {
        DoctorReport.Builder report = new DoctorReport.Builder()
                .add("Versions", versions())
                .add("Platform and natives", natives())
                .add("Echo cancellation (webrtc-java native library)", webRtc())
                .add("Audio devices", AudioCheck.run(openAudio))
                .add("Data folders", folders());
        room.ifPresent(target -> report.add("Room", RoomCheck.run(target, knownServers(), measure, relayRoute)));
        return new Redactor(knownSecrets(), System.getProperty("user.home")).clean(report.build());
    }

    private static List<String> versions() {
        List<String> lines = new ArrayList<>();
        Package parley = Doctor.class.getPackage();
        lines.add("Parley: " + Optional.ofNullable(parley.getImplementationVersion()).orElse("development build")
                + ", protocol " + ProtocolVersion.CURRENT);
        lines.add("Java: " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ")");
        lines.add("OS: " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        lines.add("JavaFX: " + javaFxVersion());
        return lines;
    }

    private static String javaFxVersion() {
        try {
            Object version = Class.forName("com.sun.javafx.runtime.VersionInfo").getMethod("getRuntimeVersion").invoke(null);
            return String.valueOf(version);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "not on the class path";
        }
    }

    private static List<String> natives() {
        HostPlatform host = HostPlatform.current();
        List<String> lines = new ArrayList<>();
        lines.add("this machine: " + host.id() + (host.supported() ? "" : " (Parley ships no natives for it)"));
        List<NativeLibrary> found;
        try {
            found = NativeInventory.scan(NativeInventory.classPath());
        } catch (RuntimeException e) {
            return List.of(lines.get(0), "cannot read the class path: " + e.getMessage());
        }
        Map<String, TreeSet<String>> byFamily = found.stream().filter(n -> !n.family().equals("other"))
                .collect(Collectors.groupingBy(NativeLibrary::family, TreeMap::new,
                        Collectors.mapping(NativeLibrary::platform, Collectors.toCollection(TreeSet::new))));
        byFamily.forEach((family, platforms) -> lines.add(family + " natives for: " + String.join(", ", platforms)
                + (platforms.contains(host.id()) ? "" : "  <- none for this machine")));
        for (String needed : List.of("webrtc", "javafx")) {
            if (!byFamily.containsKey(needed)) {
                lines.add(needed + " natives: none on the class path");
            }
        }
        return lines;
    }

    private static List<String> webRtc() {
        try {
            WebRtcLibrary.load();
            return List.of("loaded: echo cancellation, noise suppression and gain control are available");
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: the point is to report them
            List<String> lines = new ArrayList<>();
            lines.add("NOT loaded: voice works, without echo cancellation, noise suppression or gain control");
            Throwable cause = e;
            while (cause != null) {
                lines.add("because: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                cause = cause.getCause() == cause ? null : cause.getCause();
            }
            if (String.valueOf(e.getMessage()).contains("libpulse")) {
                lines.add("hint: install PulseAudio's client library (Debian/Ubuntu: apt-get install libpulse0)");
            }
            return lines;
        }
    }

    private List<String> folders() {
        List<String> lines = new ArrayList<>();
        lines.add("data: " + describe(dirs.data()));
        lines.add("logs: " + describe(dirs.logs()));
        if (Files.isDirectory(dirs.data())) {
            try (Stream<Path> files = Files.list(dirs.data())) {
                lines.add("in data: " + files.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : ""))
                        .sorted().collect(Collectors.joining(", ")));
            } catch (IOException e) {
                lines.add("cannot list the data folder: " + e.getMessage());
            }
        }
        lines.add("another Parley running for this folder: "
                + (Files.exists(dirs.data().resolve(SingleInstance.INFO_FILE)) ? "probably (it left its hand-off port)" : "no"));
        return lines;
    }

    private static String describe(Path folder) {
        if (!Files.exists(folder)) {
            return folder + " (does not exist yet)";
        }
        try {
            long free = Files.getFileStore(folder).getUsableSpace();
            return String.format(Locale.ROOT, "%s (%s, %.1f GB free)", folder,
                    Files.isWritable(folder) ? "writable" : "NOT writable", free / 1e9);
        } catch (IOException e) {
            return folder + " (" + e.getMessage() + ")";
        }
    }

    private KnownServers knownServers() {
        Path file = dirs.data().resolve(KnownServers.FILE);
        return Files.isRegularFile(file) ? KnownServers.at(file) : KnownServers.inMemory();
    }

    /**
     * Secrets this data folder holds, removed from the report wherever they would appear: the single-instance
     * token, and every string value stored under a key that names a password or token in the preferences.
     */
    private List<String> knownSecrets() {
        List<String> secrets = new ArrayList<>();
        Path info = dirs.data().resolve(SingleInstance.INFO_FILE);
        try {
            if (Files.isRegularFile(info)) {
                String[] parts = Files.readString(info).strip().split(" ");
                if (parts.length == 2) {
                    secrets.add(parts[1]);
                }
            }
            try (Stream<Path> files = Files.isDirectory(dirs.data()) ? Files.list(dirs.data()) : Stream.empty()) {
                for (Path file : files.filter(p -> p.getFileName().toString().endsWith(".json")).toList()) {
                    java.util.regex.Matcher values = SECRET_JSON.matcher(Files.readString(file));
                    while (values.find()) {
                        secrets.add(values.group(2));
                    }
                }
            }
        } catch (IOException e) {
            // Unreadable files cannot leak into the report either.
        }
        return secrets;
    }

    private static final java.util.regex.Pattern SECRET_JSON = java.util.regex.Pattern.compile(
            "\"([A-Za-z]*(?:[Pp]assword|[Tt]oken|[Ss]ecret))\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
}
