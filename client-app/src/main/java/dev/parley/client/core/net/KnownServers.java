package dev.parley.client.core.net;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.parley.client.core.ClientDirs;
import dev.parley.client.core.ClientException;
import dev.parley.protocol.tls.Fingerprint;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rooms this user has trusted: {@code host:port} → certificate fingerprint, kept as a small
 * JSON file in the user's data folder (or only in memory, for tests). A changed fingerprint is never
 * written over here by the client; the user forgets the old one on purpose. Thread-safe.
 */
public final class KnownServers {
    public static final String FILE = "known-servers.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final Map<String, String> pins = new TreeMap<>();

    private KnownServers(Path file) {
        this.file = file;
    }

    /** The store at {@code file}; a missing file is an empty store, written on the first change. */
    public static KnownServers at(Path file) {
        KnownServers store = new KnownServers(file);
        if (Files.exists(file)) {
            try {
                Stored stored = JSON.readValue(file.toFile(), Stored.class);
                if (stored.servers() != null) {
                    store.pins.putAll(stored.servers());
                }
            } catch (IOException e) {
                throw new ClientException("Cannot read the trusted rooms in " + file + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** The user's own store in the Parley data folder. */
    public static KnownServers userDefault() {
        return at(ClientDirs.userDataDir().resolve(FILE));
    }

    public static KnownServers inMemory() {
        return new KnownServers(null);
    }

    /** The key a server is remembered under: lower-case host, colon, port. */
    public static String key(URI server) {
        int port = server.getPort() != -1 ? server.getPort() : "wss".equals(server.getScheme()) ? 443 : 80;
        return server.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    public synchronized Optional<Fingerprint> lookup(String hostPort) {
        return Optional.ofNullable(pins.get(hostPort)).map(Fingerprint::parse);
    }

    public synchronized void remember(String hostPort, Fingerprint fingerprint) {
        pins.put(hostPort, fingerprint.toString());
        save();
    }

    /** Forgets a room, e.g. after its host said they made a new certificate. */
    public synchronized void forget(String hostPort) {
        if (pins.remove(hostPort) != null) {
            save();
        }
    }

    public synchronized Map<String, Fingerprint> all() {
        Map<String, Fingerprint> copy = new TreeMap<>();
        pins.forEach((key, value) -> copy.put(key, Fingerprint.parse(value)));
        return copy;
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "known-servers", ".tmp");
            try {
                JSON.writeValue(temporary.toFile(), new Stored(1, new TreeMap<>(pins)));
                // A crash mid-write must not lose every pin: the old file stays until the new one is whole.
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ClientException("Cannot save the trusted rooms to " + file + ": " + e.getMessage(), e);
        }
    }

    private record Stored(int version, Map<String, String> servers) {
    }
}
