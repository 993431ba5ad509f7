package dev.parley.container;

/**
 * A finished layer: its gzipped tar and the two digests an image names it by.
 *
 * @param gzipped the layer blob as stored ({@code application/vnd.oci.image.layer.v1.tar+gzip})
 * @param digest  {@code sha256:...} of the gzipped bytes: the blob's name in the manifest
 * @param diffId  {@code sha256:...} of the uncompressed tar: the layer's name in the config's rootfs
 * @param comment what the layer holds, for the image history
 */
public record Layer(byte[] gzipped, String digest, String diffId, String comment) {
}
