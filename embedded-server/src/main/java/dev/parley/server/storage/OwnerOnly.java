package dev.parley.server.storage;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a room's data folder readable by its owner alone: the database holds the token-signing
 * secret, every password hash and every direct message, and the folder holds the TLS key. On POSIX
 * systems the folder becomes 0700 and its files 0600; on Windows the ACL keeps only the owner. Run at
 * every start, so a folder created by an older version (0755 / 0644) is repaired. Stateless.
 */
public final class OwnerOnly {
    private static final Logger log = LoggerFactory.getLogger(OwnerOnly.class);
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates the folder if needed and makes it and everything in it owner-only. */
    public static void secureFolder(Path folder) throws IOException {
        if (posix()) {
            if (!Files.exists(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(FOLDER));
            }
            Files.setPosixFilePermissions(folder, FOLDER);
        } else {
            Files.createDirectories(folder);
            restrictAcl(folder);
        }
        try (Stream<Path> contents = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) contents::iterator) {
                if (!path.equals(folder) && !Files.isSymbolicLink(path)) {
                    secure(path);
                }
            }
        }
    }

    /** Makes one file or folder owner-only. */
    public static void secure(Path path) throws IOException {
        if (posix()) {
            Files.setPosixFilePermissions(path, Files.isDirectory(path) ? FOLDER : FILE);
        } else {
            restrictAcl(path);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void restrictAcl(Path path) throws IOException {
        AclFileAttributeView view = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (view == null) {
            log.warn("Cannot restrict access to {}: the file system has neither POSIX permissions nor ACLs", path);
            return;
        }
        UserPrincipal owner = view.getOwner();
        AclEntry ownerOnly = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
        view.setAcl(List.of(ownerOnly));
    }
}
