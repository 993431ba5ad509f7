package dev.parley.client.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Parley per user and data folder; a second start hands its {@code parley://} link (or just
 * "come to the front") to the first and exits.
 * <p>
 * Who is first: an OS file lock on {@value #LOCK_FILE} in the data folder (released by the OS when the
 * process dies, so a crash never leaves a stale claim). The first instance listens on a loopback port and
 * writes the port and a random 256-bit token to {@value #INFO_FILE}, readable by the owner only. A later
 * start reads both, connects, and sends {@code token\nlink\n}; the first instance answers {@code ok\n}.
 * Another local user can reach the port but cannot read the token, so cannot hand us links; each
 * message is bounded in size and time.
 * <p>
 * Threads: one daemon thread ({@code parley-instance}) accepts and reads hand-offs one at a time and
 * calls the link consumer on it; {@link #close()} from any thread.
 */
public final class SingleInstance implements AutoCloseable {
    public static final String LOCK_FILE = "instance.lock";
    public static final String INFO_FILE = "instance.port";
    /** A link is far shorter; anything longer is not one of ours. */
    static final int MAX_MESSAGE_BYTES = 8 * 1024;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final Logger log = LoggerFactory.getLogger(SingleInstance.class);

    /** Lock files this JVM holds (see tryBecomeFirst). */
    private static final java.util.Set<Path> HELD_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final FileChannel lockChannel;
    private final Path lockFile;
    private final FileLock lock;
    private final ServerSocket server;
    private final byte[] token;
    private final Path infoFile;
    private final Consumer<String> onLink;
    private final Thread acceptor;

    /** What a start found: it is the first instance (and now serves hand-offs), or it handed off. */
    public sealed interface Claim permits First, HandedOff {
    }

    /** This process is the running instance; close it when the app stops. */
    public record First(SingleInstance instance) implements Claim {
    }

    /** Another instance runs and took the link; this process should exit. */
    public record HandedOff() implements Claim {
    }

    private SingleInstance(FileChannel lockChannel, FileLock lock, Path lockFile, ServerSocket server, byte[] token,
            Path infoFile, Consumer<String> onLink) {
        this.lockChannel = lockChannel;
        this.lockFile = lockFile;
        this.lock = lock;
        this.server = server;
        this.token = token;
        this.infoFile = infoFile;
        this.onLink = onLink;
        this.acceptor = new Thread(this::serve, "parley-instance");
        acceptor.setDaemon(true);
    }

    /**
     * Becomes the running instance for this folder, or hands {@code link} ({@code ""} for none) to the one
     * that runs.
     *
     * @param onLink called on the {@code parley-instance} thread with each link a later start hands over
     *               ({@code ""} when it had none: show the window)
     * @param patience how long to keep trying when the running instance is still starting up
     * @throws IOException when neither works (the folder is not writable, the other instance hangs)
     */
    public static Claim claim(Path folder, String link, Consumer<String> onLink, Duration patience) throws IOException {
        if (link.contains("\n") || link.contains("\r") || link.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES / 2) {
            throw new IllegalArgumentException("Not a link Parley can hand over (too long or several lines).");
        }
        Files.createDirectories(folder);
        long deadline = System.nanoTime() + patience.toNanos();
        IOException last = null;
        while (true) {
            Optional<SingleInstance> first = tryBecomeFirst(folder, onLink);
            if (first.isPresent()) {
                return new First(first.get());
            }
            try {
                handOff(folder, link);
                return new HandedOff();
            } catch (IOException e) {
                // The running instance may be between taking the lock and writing its port: try again.
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("Parley seems to be running but does not answer: " + last.getMessage(), last);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while handing the link over.", e);
            }
        }
    }

    private static Optional<SingleInstance> tryBecomeFirst(Path folder, Consumer<String> onLink) throws IOException {
        Path lockFile = folder.resolve(LOCK_FILE).toAbsolutePath().normalize();
        // POSIX drops every lock a process holds on a file when it closes any descriptor of that file: never
        // open the lock file a second time in the JVM that holds it.
        if (HELD_HERE.contains(lockFile)) {
            return Optional.empty();
        }
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return Optional.empty();
        }
        HELD_HERE.add(lockFile);
        try {
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
            byte[] token = new byte[32];
            new SecureRandom().nextBytes(token);
            Path info = folder.resolve(INFO_FILE);
            writeOwnerOnly(info, server.getLocalPort() + " " + HexFormat.of().formatHex(token) + "\n");
            SingleInstance instance = new SingleInstance(channel, lock, lockFile, server, token, info, onLink);
            instance.acceptor.start();
            return Optional.of(instance);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            HELD_HERE.remove(lockFile);
            throw e;
        }
    }

    /** Written to a temporary file created owner-only, then moved into place: never readable by others. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path temporary;
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            temporary = Files.createTempFile(file.getParent(), "instance", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            // Windows: the per-user app-data folder is already closed to other users by its ACL.
            temporary = Files.createTempFile(file.getParent(), "instance", ".tmp");
        }
        Files.writeString(temporary, text);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void handOff(Path folder, String link) throws IOException {
        Path info = folder.resolve(INFO_FILE);
        if (!Files.isRegularFile(info)) {
            throw new IOException("no " + INFO_FILE + " yet");
        }
        String[] parts = Files.readString(info).strip().split(" ");
        if (parts.length != 2 || !parts[0].matches("\\d{1,5}")) {
            throw new IOException(INFO_FILE + " is not in the expected form");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(parts[0])),
                    (int) READ_TIMEOUT.toMillis());
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write((parts[1] + "\n" + link + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readLine(socket.getInputStream(), 16);
            if (!"ok".equals(answer)) {
                throw new IOException("the running instance refused the hand-off");
            }
        }
    }

    /** The loopback port hand-offs go to (tests). */
    public int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
                InputStream in = socket.getInputStream();
                String presented = readLine(in, MAX_MESSAGE_BYTES);
                if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.US_ASCII),
                        HexFormat.of().formatHex(token).getBytes(StandardCharsets.US_ASCII))) {
                    log.warn("Refused a hand-off without the right token from {}", socket.getRemoteSocketAddress());
                    continue;
                }
                String link = readLine(in, MAX_MESSAGE_BYTES);
                if (link == null) {
                    continue;
                }
                socket.getOutputStream().write("ok\n".getBytes(StandardCharsets.US_ASCII));
                deliver(link);
            } catch (SocketException e) {
                if (!server.isClosed()) {
                    log.warn("A hand-off connection failed: {}", e.getMessage());
                }
            } catch (IOException e) {
                log.warn("A hand-off connection failed: {}", e.getMessage());
            }
        }
    }

    private void deliver(String link) {
        try {
            onLink.accept(link);
        } catch (RuntimeException e) {
            log.warn("Handling a handed-over link failed", e);
        }
    }

    /** One line of UTF-8 without its newline; null when the peer stopped first or sent more than {@code max} bytes. */
    static String readLine(InputStream in, int max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (line.size() <= max) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    /** Stops serving hand-offs and gives the claim up (the next start becomes the running instance). */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(infoFile);
            lock.release();
            lockChannel.close();
            HELD_HERE.remove(lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not release the single-instance claim", e);
        }
        try {
            acceptor.join(READ_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
