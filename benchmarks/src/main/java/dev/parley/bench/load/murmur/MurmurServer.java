package dev.parley.bench.load.murmur;

import dev.parley.bench.load.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Murmur (Mumble's server, Debian's {@code mumble-server}) for one benchmark run: its own
 * ini, SQLite database and log in a fresh temporary folder, listening on a free loopback port (TCP
 * and UDP share it), with the limits a load test needs raised: {@code users}, {@code bandwidth}, no
 * per-channel cap and no autoban (every load client comes from 127.0.0.1). Started in the foreground
 * ({@code -fg}) as a child process so its CPU and memory are its own; stopped with SIGTERM and its
 * folder deleted on {@link #close}. Single-threaded.
 */
public final class MurmurServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MurmurServer.class);

    /** Bits/s per user; far above Opus voice, so Murmur's rate limit never drops a benchmark packet. */
    private static final int BANDWIDTH = 558_000;

    private final Path dir;
    private final int port;
    private final ChildProcess process;

    private MurmurServer(Path dir, int port, ChildProcess process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Where murmurd is: {@code -Dparley.murmurd=PATH}, else on PATH, else /usr/sbin (Debian puts it
     * there, outside most users' PATH). Empty when it is not installed.
     */
    public static Optional<Path> findMurmurd() {
        String configured = System.getProperty("parley.murmurd");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.add("/usr/sbin");
        dirs.add("/usr/local/sbin");
        return dirs.stream().filter(d -> !d.isBlank()).map(d -> Path.of(d, "murmurd")).filter(Files::isExecutable)
                .findFirst();
    }

    /** The message the load tool prints when Murmur is skipped. */
    public static String notInstalledMessage() {
        return "Skipping Murmur: murmurd is not installed (apt-get install -y mumble-server, or -Dparley.murmurd=PATH)";
    }

    /**
     * Starts murmurd for up to {@code users} clients. With a {@code superUserPassword}, first sets the
     * SuperUser password ({@code -supw}, a separate short run) so a client can create channels.
     */
    public static MurmurServer start(Path murmurd, int users, String superUserPassword) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("parley-murmur");
            // Run as root, murmurd switches to the mumble-server user, which must still write here.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = freePort();
            Path ini = dir.resolve("murmur.ini");
            Files.writeString(ini, ini(dir, port, users));
            if (superUserPassword != null) {
                setSuperUserPassword(murmurd, ini, superUserPassword);
            }
            ChildProcess process = ChildProcess.startPolled("murmurd",
                    List.of(murmurd.toString(), "-ini", ini.toString(), "-fg"), dir.toFile(),
                    () -> accepts(port), Duration.ofSeconds(30));
            return new MurmurServer(dir, port, process);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
    }

    static String ini(Path dir, int port, int users) {
        return String.join("\n",
                "database=" + dir.resolve("murmur.sqlite"),
                "logfile=",
                "pidfile=",
                "host=127.0.0.1",
                "port=" + port,
                "users=" + users,
                "usersperchannel=0",
                "bandwidth=" + BANDWIDTH,
                // One address (127.0.0.1) connects hundreds of times: never ban it.
                "autobanAttempts=0",
                "autobanTimeframe=0",
                "autobanTime=0",
                "timeout=60",
                "serverpassword=",
                "allowping=true",
                "welcometext=",
                "registerName=",
                "bonjour=false",
                "ice=",
                "dbus=",
                // A fixed cost instead of murmurd's start-up PBKDF2 benchmark (only SuperUser logs in with a password).
                "kdfiterations=1000",
                "") ;
    }

    private static void setSuperUserPassword(Path murmurd, Path ini, String password) throws IOException {
        Process supw = new ProcessBuilder(murmurd.toString(), "-ini", ini.toString(), "-supw", password)
                .redirectErrorStream(true).start();
        String output;
        try {
            output = new String(supw.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!supw.waitFor(30, TimeUnit.SECONDS) || supw.exitValue() != 0 && !output.contains("password set")) {
                supw.destroyForcibly();
                throw new IllegalStateException("murmurd -supw failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            supw.destroyForcibly();
            throw new IllegalStateException("interrupted while setting Murmur's SuperUser password", e);
        }
        log.debug("murmurd -supw: {}", output);
    }

    /** A port free for both TCP and UDP on loopback right now (murmurd binds both). */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                    return port;
                } catch (IOException e) {
                    log.debug("UDP port {} taken, trying another", port);
                }
            }
        }
        throw new IOException("no loopback port free for both TCP and UDP after 50 tries");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        delete(dir);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.debug("could not delete {}", dir, e);
        }
    }
}
