package dev.parley.client.platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Lists the native libraries inside jars and folders, each with the platform its header names. Used by the
 * per-platform build checks and by {@code parley doctor} (which natives this install carries). Stateless.
 */
public final class NativeInventory {
    private NativeInventory() {
    }

    /** The entries of this JVM's class path (surefire's own list when it runs the tests through a manifest jar). */
    public static List<Path> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path", ""));
        List<Path> entries = new ArrayList<>();
        for (String part : path.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                entries.add(Path.of(part));
            }
        }
        return entries;
    }

    /** Every native library in these jars and folders; missing entries are skipped. */
    public static List<NativeLibrary> scan(List<Path> entries) {
        List<NativeLibrary> found = new ArrayList<>();
        for (Path entry : entries) {
            if (Files.isDirectory(entry)) {
                scanFolder(entry, found);
            } else if (Files.isRegularFile(entry) && entry.getFileName().toString().endsWith(".jar")) {
                scanJar(entry, found);
            } else if (Files.isRegularFile(entry) && NativeBinary.isNativeName(entry.getFileName().toString())) {
                found.add(new NativeLibrary(entry.toString(), entry.getFileName().toString(), platformOf(entry)));
            }
        }
        return found;
    }

    private static void scanJar(Path jar, List<NativeLibrary> found) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && NativeBinary.isNativeName(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        found.add(new NativeLibrary(jar.toString(), entry.getName(), platformOf(in.readNBytes(NativeBinary.HEADER_BYTES))));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    private static void scanFolder(Path folder, List<NativeLibrary> found) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.filter(Files::isRegularFile).filter(file -> NativeBinary.isNativeName(file.getFileName().toString()))
                    .forEach(file -> found.add(new NativeLibrary(folder.toString(),
                            folder.relativize(file).toString().replace(File.separatorChar, '/'), platformOf(file))));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String platformOf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return platformOf(in.readNBytes(NativeBinary.HEADER_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String platformOf(byte[] head) {
        return NativeBinary.platformOf(head).orElse("unknown");
    }
}
