package dev.parley.server.tls;

import dev.parley.protocol.tls.Fingerprint;
import dev.parley.server.ServerException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The room's TLS identity: a self-signed certificate made on first start and kept in the data
 * folder ({@value #FILE}), so its fingerprint stays the same across restarts. Immutable.
 */
public final class TlsIdentity {
    public static final String FILE = "tls.p12";
    /** TLS 1.3 only: both ends are Parley, and 1.3 leaves no weak suites to configure away. */
    public static final String PROTOCOL = "TLSv1.3";
    private static final Logger log = LoggerFactory.getLogger(TlsIdentity.class);
    private static final String ALIAS = "parley-room";
    /**
     * PKCS12 insists on a password. A random one would have to sit next to the file it protects,
     * so the file's owner-only permissions are the real protection (see docs/SECURITY.md).
     */
    private static final char[] STORE_PASSWORD = "parley-room-key".toCharArray();

    private final KeyStore store;
    private final X509Certificate certificate;
    private final Fingerprint fingerprint;

    private TlsIdentity(KeyStore store) throws GeneralSecurityException {
        this.store = store;
        this.certificate = (X509Certificate) store.getCertificate(ALIAS);
        if (certificate == null) {
            throw new GeneralSecurityException("the key store holds no '" + ALIAS + "' certificate");
        }
        this.fingerprint = Fingerprint.of(certificate);
    }

    /** Reads the identity kept in {@code dataDir}, making and keeping a new one on first start. */
    public static TlsIdentity loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, STORE_PASSWORD);
            }
            return new TlsIdentity(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new ServerException("cannot read the room's TLS identity from " + file + ": " + e.getMessage()
                    + " (move the file away to make a new one; clients will then see a changed fingerprint)", e);
        }
    }

    private static void create(Path file) throws IOException, GeneralSecurityException {
        SelfSignedCertificate.Made made = SelfSignedCertificate.make();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(ALIAS, made.keys().getPrivate(), STORE_PASSWORD, new Certificate[] {made.certificate()});
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), "tls", ".tmp");
        try {
            ownerOnly(temporary);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                store.store(out, STORE_PASSWORD);
            }
            // Atomic and no-replace: two rooms starting on one folder keep whichever identity landed first.
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException raced) {
            log.debug("Another start made {} first; using that one", file);
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            if (!Files.exists(file)) {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        log.info("Made the room's TLS certificate in {}", file);
    }

    private static void ownerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder is already private to that user.
        }
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A fresh server-side context holding this identity's key. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ServerException("cannot set up TLS: " + e.getMessage(), e);
        }
    }
}
