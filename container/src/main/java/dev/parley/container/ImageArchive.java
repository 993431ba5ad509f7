package dev.parley.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an image as one tar that both kinds of loader read: an OCI image layout ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}: {@code podman load}, {@code skopeo}, containerd) and the
 * {@code manifest.json} that {@code docker load} reads, pointing at the same blobs (what {@code docker
 * save} itself writes since Docker 25). Stateless.
 */
public final class ImageArchive {
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImageArchive() {
    }

    /**
     * @param config the image config without its {@code rootfs}, which is filled in from the layers
     * @param tags   names for {@code docker load}, e.g. {@code parley-server:0.1.0}; the first also names the OCI manifest
     */
    public static void write(Path out, List<Layer> layers, Map<String, Object> config, List<String> tags) throws IOException {
        Map<String, Object> fullConfig = new LinkedHashMap<>(config);
        fullConfig.put("rootfs", Map.of("type", "layers", "diff_ids", layers.stream().map(Layer::diffId).toList()));
        List<Object> history = new ArrayList<>();
        for (Layer layer : layers) {
            history.add(Map.of("created", ImageConfig.CREATED, "created_by", layer.comment()));
        }
        fullConfig.put("history", history);
        byte[] configBytes = JSON.writeValueAsBytes(fullConfig);
        String configDigest = digest(configBytes);

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", OCI_MANIFEST);
        manifest.put("config", descriptor(OCI_CONFIG, configDigest, configBytes.length));
        manifest.put("layers", layers.stream().map(layer -> descriptor(OCI_LAYER, layer.digest(), layer.gzipped().length)).toList());
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);
        String manifestDigest = digest(manifestBytes);

        Map<String, Object> manifestDescriptor = descriptor(OCI_MANIFEST, manifestDigest, manifestBytes.length);
        manifestDescriptor.put("annotations", Map.of("io.containerd.image.name", tags.get(0),
                "org.opencontainers.image.ref.name", tags.get(0).substring(tags.get(0).lastIndexOf(':') + 1)));
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", "application/vnd.oci.image.index.v1+json");
        index.put("manifests", List.of(manifestDescriptor));

        Map<String, Object> dockerManifest = new LinkedHashMap<>();
        dockerManifest.put("Config", blobPath(configDigest));
        dockerManifest.put("RepoTags", tags);
        dockerManifest.put("Layers", layers.stream().map(layer -> blobPath(layer.digest())).toList());

        Files.createDirectories(out.toAbsolutePath().getParent());
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try (OutputStream file = Files.newOutputStream(partial); TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> written = new HashSet<>();
            put(tar, "blobs/", null);
            put(tar, "blobs/sha256/", null);
            for (Layer layer : layers) {
                if (written.add(layer.digest())) { // two identical layers are one blob
                    put(tar, blobPath(layer.digest()), layer.gzipped());
                }
            }
            put(tar, blobPath(configDigest), configBytes);
            put(tar, blobPath(manifestDigest), manifestBytes);
            put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
            put(tar, "index.json", JSON.writeValueAsBytes(index));
            put(tar, "manifest.json", JSON.writeValueAsBytes(List.of(dockerManifest)));
            tar.finish();
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Object> descriptor(String mediaType, String digest, long size) {
        Map<String, Object> descriptor = new LinkedHashMap<>();
        descriptor.put("mediaType", mediaType);
        descriptor.put("digest", digest);
        descriptor.put("size", size);
        return descriptor;
    }

    static String blobPath(String digest) {
        return "blobs/sha256/" + digest.substring("sha256:".length());
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setModTime(LayerWriter.FIXED_MTIME_SECONDS * 1000);
        entry.setMode(content == null ? 040755 : 0100644);
        if (content != null) {
            entry.setSize(content.length);
        }
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
    }

    static String digest(byte[] bytes) {
        MessageDigest sha = LayerWriter.sha256();
        sha.update(bytes);
        return "sha256:" + LayerWriter.hex(sha);
    }
}
