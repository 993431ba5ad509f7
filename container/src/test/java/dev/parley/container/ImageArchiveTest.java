package dev.parley.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image writer on a small tree, read back with an independent tar reader: every blob is named by
 * its real digest, the config lists the layers' uncompressed digests, owners and modes (sticky bit,
 * the data folder's 10001/0700) are what an unpacking runtime will apply, and the same input gives the
 * same bytes.
 */
class ImageArchiveTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theArchiveIsAConsistentOciLayoutAndDockerLoadManifest() throws Exception {
        Path image = build(dir.resolve("one.tar"));
        Map<String, byte[]> files = untar(Files.readAllBytes(image));

        assertThat(new String(files.get("oci-layout"), StandardCharsets.UTF_8)).contains("\"imageLayoutVersion\":\"1.0.0\"");
        JsonNode index = JSON.readTree(files.get("index.json"));
        JsonNode manifestRef = index.get("manifests").get(0);
        assertThat(manifestRef.get("annotations").get("io.containerd.image.name").asText()).isEqualTo("parley-server:1.2.3");
        JsonNode manifest = JSON.readTree(blob(files, manifestRef));
        JsonNode config = JSON.readTree(blob(files, manifest.get("config")));
        JsonNode docker = JSON.readTree(files.get("manifest.json")).get(0);
        assertThat(docker.get("Config").asText()).isEqualTo(ImageArchive.blobPath(manifest.get("config").get("digest").asText()));
        assertThat(docker.get("RepoTags")).extracting(JsonNode::asText).containsExactly("parley-server:1.2.3", "parley-server:latest");

        JsonNode layers = manifest.get("layers");
        assertThat(layers).hasSize(3);
        for (int i = 0; i < layers.size(); i++) {
            byte[] gzipped = blob(files, layers.get(i));
            assertThat(layers.get(i).get("mediaType").asText()).isEqualTo(ImageArchive.OCI_LAYER);
            assertThat(docker.get("Layers").get(i).asText()).isEqualTo(ImageArchive.blobPath(layers.get(i).get("digest").asText()));
            assertThat(config.get("rootfs").get("diff_ids").get(i).asText()).isEqualTo(ImageArchive.digest(gunzip(gzipped)));
        }
        assertThat(config.get("history")).hasSize(3);

        Map<String, TarArchiveEntry> base = entries(gunzip(blob(files, layers.get(0))));
        assertThat(base).containsKeys("etc/", "etc/passwd", "tmp/", "var/lib/parley/", "lib64/ld.so");
        assertThat(base).doesNotContainKey("opt/");
        assertThat(base.get("tmp/").getMode() & 07777).isEqualTo(01777);
        TarArchiveEntry data = base.get("var/lib/parley/");
        assertThat(data.getLongUserId()).isEqualTo(10001);
        assertThat(data.getLongGroupId()).isEqualTo(10001);
        assertThat(data.getMode() & 07777).isEqualTo(0700);
        assertThat(base.get("etc/passwd").getLongUserId()).isZero();
        assertThat(base.get("lib64/ld.so").isSymbolicLink()).isTrue();
        assertThat(base.get("lib64/ld.so").getLinkName()).isEqualTo("/lib/ld-real.so");
        assertThat(base.values()).allSatisfy(entry ->
                assertThat(entry.getModTime().getTime()).isEqualTo(LayerWriter.FIXED_MTIME_SECONDS * 1000));

        Map<String, TarArchiveEntry> runtime = entries(gunzip(blob(files, layers.get(1))));
        assertThat(runtime).containsOnlyKeys("opt/", "opt/java/", "opt/java/bin/", "opt/java/bin/java");
        assertThat(runtime.get("opt/java/bin/java").getMode() & 07777).isEqualTo(0755);

        Map<String, TarArchiveEntry> server = entries(gunzip(blob(files, layers.get(2))));
        assertThat(server).containsKeys("app/parley-server.jar",
                "app/probe/dev/parley/container/HealthProbe.class");
        assertThat(server).doesNotContainKey("app/probe/dev/parley/container/ImageBuilder.class");
    }

    @Test
    void theSameInputGivesTheSameBytes() throws Exception {
        byte[] first = Files.readAllBytes(build(dir.resolve("a.tar")));
        byte[] second = Files.readAllBytes(build(dir.resolve("b.tar")));

        assertThat(second).isEqualTo(first);
    }

    @Test
    void pathsThatCouldEscapeTheRootAreRefused() {
        for (String bad : List.of("../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "a/", "..")) {
            assertThatThrownBy(() -> LayerEntry.directory(bad, 0755, 0, 0)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LayerWriter.write(List.of(LayerEntry.directory("a", 0755, 0, 0),
                LayerEntry.directory("a", 0700, 0, 0)), "twice")).hasMessageContaining("two entries for a");
    }

    private Path build(Path out) throws IOException {
        Path rootfs = dir.resolve("rootfs");
        if (!Files.exists(rootfs)) {
            Files.createDirectories(rootfs.resolve("etc"));
            Files.writeString(rootfs.resolve("etc/passwd"), "parley:x:10001:10001::/var/lib/parley:/sbin/nologin\n");
            Files.createDirectories(rootfs.resolve("tmp"));
            Files.setAttribute(rootfs.resolve("tmp"), "unix:mode", 01777);
            Files.createDirectories(rootfs.resolve("var/lib/parley"));
            Files.createDirectories(rootfs.resolve("lib64"));
            Files.createSymbolicLink(rootfs.resolve("lib64/ld.so"), Path.of("/lib/ld-real.so"));
            Files.createDirectories(rootfs.resolve("opt/java/bin"));
            Files.writeString(rootfs.resolve("opt/java/bin/java"), "#!/bin/false\n");
            Files.setPosixFilePermissions(rootfs.resolve("opt/java/bin/java"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(dir.resolve("server.jar"), "not really a jar");
        }
        Path probe = Path.of("target/classes"); // this module's compiled classes, as the build passes them
        ImageBuilder.build(rootfs, dir.resolve("server.jar"), probe, "1.2.3", out);
        return out;
    }

    private static byte[] blob(Map<String, byte[]> files, JsonNode descriptor) {
        String digest = descriptor.get("digest").asText();
        byte[] blob = files.get(ImageArchive.blobPath(digest));
        assertThat(blob).as("blob %s", digest).isNotNull();
        assertThat(ImageArchive.digest(blob)).as("the blob's real digest").isEqualTo(digest);
        assertThat((long) blob.length).isEqualTo(descriptor.get("size").asLong());
        return blob;
    }

    static Map<String, byte[]> untar(byte[] tar) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.isFile()) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        return files;
    }

    static Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), entry);
            }
        }
        return entries;
    }

    static byte[] gunzip(byte[] gzipped) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return in.readAllBytes();
        }
    }
}
