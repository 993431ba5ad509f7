package dev.parley.client.core.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recordings on disk: one folder per recording below a root ({@code recordings/<date_time>/} for a
 * channel, {@code recordings/call-with-<peer>-<date_time>/} for a call), each
 * with one {@code .opus} file per speaker ({@code <speaker>-<session>.opus}) and maybe {@code mix.opus},
 * everyone mixed. Files still being written ({@code .part}) and folders without a finished file are left
 * out. Reads the disk on the caller's thread: call it off the UI thread. Stateless.
 */
public final class RecordingLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(RecordingLibrary.class);
    /** How {@code RecordingViewModel} names a recording's folder. */
    public static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
    /** The file with every speaker mixed in, played by default. */
    public static final String MIX_FILE = "mix.opus";
    private static final Pattern SPEAKER_FILE = Pattern.compile("(.+)-\\d+\\.opus");
    private static final String CALL_PREFIX = "call-with-";
    /** A call's folder: the peer's name made safe for a file name, then the folder time. */
    private static final Pattern CALL_FOLDER = Pattern.compile(
            "call-with-(.+)-(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})");

    /** One playable file: whose voice it holds and how long it plays (48 kHz samples, -1 when unreadable). */
    public record Track(Path file, String speaker, long durationSamples) {
        public boolean isMix() {
            return file.getFileName().toString().equals(MIX_FILE);
        }
    }

    /** One recording: when it started and its files, the mix first, then by speaker. */
    public record Folder(Path folder, LocalDateTime startedAt, List<Track> tracks) {
        /** The longest track: every track of a recording runs to the same end. */
        public long durationSamples() {
            return tracks.stream().mapToLong(Track::durationSamples).max().orElse(0);
        }

        /** What plays unless the user picks another: the mix when there is one. */
        public Track defaultTrack() {
            return tracks.get(0);
        }

        /** Whom a call recording was with ("bob"), from its folder's name; empty for a channel recording. */
        public Optional<String> callPeer() {
            Matcher call = CALL_FOLDER.matcher(folder.getFileName().toString());
            return call.matches() ? Optional.of(call.group(1)) : Optional.empty();
        }
    }

    /** The name of a call recording's folder: {@code call-with-bob-2026-12-02_10-22-05}. */
    public static String callFolderName(String peer, LocalDateTime startedAt) {
        return CALL_PREFIX + dev.parley.platform.SafeFileNames.slug(peer, "someone") + "-" + startedAt.format(FOLDER_TIME);
    }

    private RecordingLibrary() {
    }

    /** The recordings below {@code root}, newest first; empty when there is no such folder. */
    public static List<Folder> list(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Folder> folders = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : children.filter(Files::isDirectory).toList()) {
                read(child).ifPresent(folders::add);
            }
        }
        folders.sort(Comparator.comparing(Folder::startedAt).reversed()
                .thenComparing(folder -> folder.folder().getFileName().toString()));
        return List.copyOf(folders);
    }

    /** One recording folder, or empty when it holds no finished {@code .opus} file. */
    public static Optional<Folder> read(Path folder) throws IOException {
        List<Track> tracks = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".opus")).toList()) {
                tracks.add(new Track(file, speaker(file), duration(file)));
            }
        }
        if (tracks.isEmpty()) {
            return Optional.empty();
        }
        tracks.sort(Comparator.comparing((Track track) -> !track.isMix())
                .thenComparing(track -> track.speaker().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(track -> track.file().getFileName().toString()));
        return Optional.of(new Folder(folder, startedAt(folder), List.copyOf(tracks)));
    }

    /** "ann" for {@code ann-17.opus}, "Everyone" for the mix, else the file's name without {@code .opus}. */
    public static String speaker(Path file) {
        String name = file.getFileName().toString();
        if (name.equals(MIX_FILE)) {
            return "Everyone (mix)";
        }
        Matcher speakerFile = SPEAKER_FILE.matcher(name);
        return speakerFile.matches() ? speakerFile.group(1) : name.replaceFirst("\\.opus$", "");
    }

    private static long duration(Path file) {
        try {
            return OggOpusDuration.samples(file);
        } catch (IOException e) {
            LOG.debug("Cannot tell how long {} is: {}", file, e.toString());
            return -1;
        }
    }

    /** From the folder's name as the app makes it, else when the folder was last changed. */
    private static LocalDateTime startedAt(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        Matcher call = CALL_FOLDER.matcher(name);
        try {
            return LocalDateTime.parse(call.matches() ? call.group(2) : name, FOLDER_TIME);
        } catch (DateTimeParseException e) {
            // A folder the user made or renamed (the CLI's --record-channel takes any name) still lists.
            return LocalDateTime.ofInstant(Files.getLastModifiedTime(folder).toInstant(), ZoneId.systemDefault());
        }
    }
}
