package dev.parley.container;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the room server's image says about how to run it: the user, the entry point, the ports, the
 * data volume and the health check. The values are the server's own defaults ({@code ServerConfig}:
 * control 7720/tcp, voice 7720/udp, health and metrics 7721/tcp). Stateless.
 */
public final class ImageConfig {
    /** The image's creation time: fixed, like the layers' time stamps, so a rebuild gives the same digest. */
    static final String CREATED = "2000-01-01T00:00:00Z";
    public static final String USER = "10001:10001";
    public static final String DATA = "/var/lib/parley";
    public static final String SERVER_JAR = "/app/parley-server.jar";
    public static final String PROBE_CLASSES = "/app/probe";
    public static final String JAVA = "/opt/java/bin/java";
    public static final int CONTROL_PORT = 7720;
    public static final int HTTP_PORT = 7721;
    private static final long SECOND_NANOS = 1_000_000_000L;

    private ImageConfig() {
    }

    public static List<String> entrypoint() {
        // UTF-8 whatever the (absent) locale data says; the heap follows the container's memory limit.
        return List.of(JAVA, "-XX:MaxRAMPercentage=75", "-Dfile.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8",
                "-Dsun.stderr.encoding=UTF-8", "-jar", SERVER_JAR);
    }

    /** The health check: a tiny Java program that asks the server's /health (see {@link HealthProbe}). */
    public static List<String> healthCheck() {
        return List.of("CMD", JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-Xshare:auto",
                "-cp", PROBE_CLASSES, HealthProbe.class.getName());
    }

    public static Map<String, Object> forServer(String version) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("User", USER);
        run.put("Env", List.of(
                "PATH=/opt/java/bin",
                "LANG=C.UTF-8",
                "JAVA_HOME=/opt/java",
                // Options as PARLEY_<OPTION> variables, so a compose file or `docker run -e` overrides each one.
                "PARLEY_DATA=" + DATA,
                // Inside the container "this machine only" would mean nobody: publish the port on the host's loopback instead.
                "PARLEY_HTTP_HOST=0.0.0.0",
                // A container logs to stderr, which the runtime keeps; no second copy in the volume.
                "PARLEY_NO_LOG_FILE=true",
                // Multicast seldom leaves a container network; with network_mode: host set PARLEY_NO_ANNOUNCE=false.
                "PARLEY_NO_ANNOUNCE=true"));
        run.put("Entrypoint", entrypoint());
        run.put("Cmd", List.of());
        run.put("WorkingDir", DATA);
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put(CONTROL_PORT + "/tcp", Map.of());
        ports.put(CONTROL_PORT + "/udp", Map.of());
        ports.put(HTTP_PORT + "/tcp", Map.of());
        run.put("ExposedPorts", ports);
        run.put("Volumes", Map.of(DATA, Map.of()));
        run.put("StopSignal", "SIGTERM");
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("Test", healthCheck());
        health.put("Interval", 30 * SECOND_NANOS);
        health.put("Timeout", 5 * SECOND_NANOS);
        health.put("StartPeriod", 30 * SECOND_NANOS);
        health.put("Retries", 3);
        run.put("Healthcheck", health);
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "Parley room server");
        labels.put("org.opencontainers.image.description", "Self-hosted voice and text chat: the headless room server.");
        labels.put("org.opencontainers.image.version", version);
        run.put("Labels", labels);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("created", CREATED);
        config.put("architecture", "amd64");
        config.put("os", "linux");
        config.put("config", run);
        return config;
    }
}
