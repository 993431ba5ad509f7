package dev.parley.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Builds the room server's image tar from a staged root file system (scripts/stage-rootfs.sh), the
 * server's shaded jar and the health probe, without a Docker daemon or a registry. Three layers, from
 * the least to the most often changed, so an update of the server ships only the last one: Debian's
 * libraries with the 'parley' user and the data folder, the jlinked Java runtime, the server.
 *
 * <p>{@code ImageBuilder --rootfs DIR --server-jar JAR --probe-classes DIR --version V --out FILE}
 */
public final class ImageBuilder {
    static final int PARLEY_UID = 10001;
    static final int PARLEY_GID = 10001;

    private ImageBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path rootfs = null;
        Path serverJar = null;
        Path probeClasses = null;
        Path out = null;
        String version = "dev";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rootfs" -> rootfs = Path.of(args[i + 1]);
                case "--server-jar" -> serverJar = Path.of(args[i + 1]);
                case "--probe-classes" -> probeClasses = Path.of(args[i + 1]);
                case "--out" -> out = Path.of(args[i + 1]);
                case "--version" -> version = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (rootfs == null || serverJar == null || probeClasses == null || out == null || args.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "usage: ImageBuilder --rootfs DIR --server-jar JAR --probe-classes DIR --version V --out FILE");
        }
        if (!Files.isRegularFile(serverJar)) {
            throw new IllegalArgumentException("no server jar at " + serverJar
                    + ": build embedded-server's package phase first (./mvnw -B verify, or -pl container -am package)");
        }
        build(rootfs, serverJar, probeClasses, version, out);
        System.out.println("Container image written: " + out.toAbsolutePath() + " (" + Files.size(out) / (1024 * 1024)
                + " MiB); load it with 'docker load -i' or 'podman load -i'.");
    }

    public static void build(Path rootfs, Path serverJar, Path probeClasses, String version, Path out) throws IOException {
        Predicate<String> javaRuntime = path -> path.equals("opt") || path.startsWith("opt/");
        List<LayerEntry> base = new ArrayList<>();
        for (LayerEntry entry : tree(rootfs, "", javaRuntime.negate())) {
            // The data volume belongs to the server's user: a new named volume copies this folder, owner and mode.
            base.add(entry.path().equals("var/lib/parley")
                    ? LayerEntry.directory(entry.path(), 0700, PARLEY_UID, PARLEY_GID) : entry);
        }
        List<LayerEntry> runtime = tree(rootfs, "", javaRuntime);
        List<LayerEntry> server = new ArrayList<>();
        server.add(LayerEntry.directory("app", 0755, 0, 0));
        server.add(LayerEntry.file(ImageConfig.SERVER_JAR.substring(1), serverJar, 0644, 0, 0));
        server.add(LayerEntry.directory(ImageConfig.PROBE_CLASSES.substring(1), 0755, 0, 0));
        server.addAll(tree(probeClasses, ImageConfig.PROBE_CLASSES.substring(1) + "/",
                path -> path.equals("dev") || path.startsWith("dev/parley/container/HealthProbe")
                        || "dev/parley/container".startsWith(path)));

        List<Layer> layers = List.of(
                LayerWriter.write(base, "Debian libc6, libgcc-s1, libstdc++6, zlib1g; user parley (10001); " + ImageConfig.DATA),
                LayerWriter.write(runtime, "Java 17 runtime (jlink) in /opt/java"),
                LayerWriter.write(server, "Parley server " + version + " and its health probe in /app"));
        ImageArchive.write(out, layers, ImageConfig.forServer(version),
                List.of("parley-server:" + version, "parley-server:latest"));
    }

    /**
     * The files, folders and links under {@code root} whose relative path matches, as entries under
     * {@code prefix}, owned by root with the modes they have on disk (sticky bit included).
     */
    static List<LayerEntry> tree(Path root, String prefix, Predicate<String> include) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.sorted()::iterator) {
                if (path.equals(root)) {
                    continue;
                }
                String relative = root.relativize(path).toString().replace('\\', '/');
                if (!include.test(relative)) {
                    continue;
                }
                String inImage = prefix + relative;
                if (Files.isSymbolicLink(path)) {
                    entries.add(LayerEntry.symlink(inImage, Files.readSymbolicLink(path).toString(), 0, 0));
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(LayerEntry.directory(inImage, mode(path), 0, 0));
                } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                    entries.add(LayerEntry.file(inImage, path, mode(path), 0, 0));
                } else {
                    throw new IOException("not a file, folder or link: " + path);
                }
            }
        }
        return entries;
    }

    private static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
