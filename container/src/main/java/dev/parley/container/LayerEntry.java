package dev.parley.container;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file, folder or symbolic link of an image layer, as it will be inside the container.
 *
 * @param path    where inside the image, relative to its root, with '/' separators and no leading '/'
 * @param type    file, folder or link
 * @param source  the file whose bytes the entry carries (files only)
 * @param linkTarget what a link points at (links only)
 * @param mode    permission bits (e.g. 0755), without the file type
 * @param uid     owner inside the container
 * @param gid     group inside the container
 */
public record LayerEntry(String path, Type type, Path source, String linkTarget, int mode, int uid, int gid) {
    /** What kind of entry. */
    public enum Type { FILE, DIRECTORY, SYMLINK }

    public LayerEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("//") || path.contains("\\")
                || path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
            throw new IllegalArgumentException("not a relative image path: '" + path + "'");
        }
        if ((type == Type.FILE) != (source != null)) {
            throw new IllegalArgumentException(path + ": a file entry needs a source, and only a file entry has one");
        }
        if ((type == Type.SYMLINK) != (linkTarget != null)) {
            throw new IllegalArgumentException(path + ": a link needs a target, and only a link has one");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException(path + ": mode " + Integer.toOctalString(mode) + " is not permission bits");
        }
        if (uid < 0 || gid < 0) {
            throw new IllegalArgumentException(path + ": negative owner");
        }
    }

    public static LayerEntry directory(String path, int mode, int uid, int gid) {
        return new LayerEntry(path, Type.DIRECTORY, null, null, mode, uid, gid);
    }

    public static LayerEntry file(String path, Path source, int mode, int uid, int gid) {
        return new LayerEntry(path, Type.FILE, source, null, mode, uid, gid);
    }

    public static LayerEntry symlink(String path, String target, int uid, int gid) {
        return new LayerEntry(path, Type.SYMLINK, null, target, 0777, uid, gid);
    }
}
