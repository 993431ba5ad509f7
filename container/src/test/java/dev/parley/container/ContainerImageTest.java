package dev.parley.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image the build wrote (-Pcontainer, or CI), checked the way a runtime would use it, without a
 * Docker daemon: its config says what the server needs (entry point, non-root user, ports, volume,
 * health check), and its layers, unpacked as a runtime unpacks them, run the server in a chroot as user
 * 10001 — java itself, the server's --help, and the server answering /health, the image's own health
 * check passing, and a SIGTERM stopping it cleanly. Running needs root (chroot, unshare); CI is root.
 */
@Timeout(120)
class ContainerImageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    static JsonNode config;
    static Path rootfs;

    @BeforeAll
    static void unpack() throws Exception {
        String property = System.getProperty("parley.image.tar");
        Assumptions.assumeTrue(property != null, "no image built: run with -Pcontainer (CI does)");
        Path tar = Path.of(property);
        assertThat(tar).as("the image the container profile builds").isRegularFile();
        Map<String, byte[]> files = ImageArchiveTest.untar(Files.readAllBytes(tar));
        JsonNode docker = JSON.readTree(files.get("manifest.json")).get(0);
        config = JSON.readTree(files.get(docker.get("Config").asText()));
        rootfs = work.resolve("rootfs");
        Files.createDirectories(rootfs);
        if (root()) {
            // As a runtime does: each layer in order, owners and modes as recorded.
            for (JsonNode layer : docker.get("Layers")) {
                Path blob = work.resolve("layer.tar.gz");
                Files.write(blob, files.get(layer.asText()));
                run(List.of("tar", "-xzpf", blob.toString(), "-C", rootfs.toString(), "--same-owner", "--numeric-owner"),
                        Duration.ofSeconds(60));
            }
            Files.createDirectories(rootfs.resolve("proc"));
            Files.createDirectories(rootfs.resolve("dev"));
        }
    }

    @Test
    void theConfigRunsTheServerAsANonRootUserWithItsPortsVolumeAndHealthCheck() {
        JsonNode run = config.get("config");
        assertThat(run.get("User").asText()).isEqualTo("10001:10001");
        assertThat(run.get("Entrypoint")).extracting(JsonNode::asText)
                .startsWith("/opt/java/bin/java").endsWith("-jar", "/app/parley-server.jar");
        assertThat(run.get("Cmd")).isEmpty();
        assertThat(fieldNames(run.get("ExposedPorts"))).containsExactlyInAnyOrder("7720/tcp", "7720/udp", "7721/tcp");
        assertThat(fieldNames(run.get("Volumes"))).containsExactly("/var/lib/parley");
        assertThat(run.get("Env")).extracting(JsonNode::asText)
                .contains("PARLEY_DATA=/var/lib/parley", "PARLEY_HTTP_HOST=0.0.0.0");
        assertThat(run.get("Healthcheck").get("Test")).extracting(JsonNode::asText)
                .startsWith("CMD", "/opt/java/bin/java").endsWith(HealthProbe.class.getName());
        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(config.get("rootfs").get("diff_ids")).hasSize(3);
    }

    @Test
    void theImagesFilesRunJavaAndTheServerAsUser10001() throws Exception {
        Assumptions.assumeTrue(root(), "running the image's files in a chroot needs root");
        assertThat(Files.getAttribute(rootfs.resolve("var/lib/parley"), "unix:uid")).isEqualTo(10001);
        assertThat(Files.getAttribute(rootfs.resolve("var/lib/parley"), "unix:mode")).isEqualTo(040700);

        Result java = run(inImage(List.of("/opt/java/bin/java", "-version")), Duration.ofSeconds(60));
        assertThat(java.exit()).as(java.output()).isZero();
        assertThat(java.output()).contains("OpenJDK");

        Result help = run(inImage(withEntrypoint(List.of("--help"))), Duration.ofSeconds(60));
        assertThat(help.exit()).as(help.output()).isZero();
        assertThat(help.output()).contains("--shutdown-grace", "--data");
    }

    @Test
    void theServerInTheImageAnswersHealthPassesItsHealthCheckAndStopsOnSigterm() throws Exception {
        Assumptions.assumeTrue(root(), "running the image's files in a chroot needs root");
        int port = freePort();
        int httpPort = freePort();
        // The image's own configuration (PARLEY_DATA, PARLEY_HTTP_HOST, ...) plus loopback ports for this test.
        Path log = work.resolve("server.log");
        Process server = new ProcessBuilder(inImage(withEntrypoint(List.of("--host", "127.0.0.1", "--port",
                Integer.toString(port), "--http-port", Integer.toString(httpPort), "--name", "Container room"))))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .alias("the server in the image answering /health; its output: " + read(log))
                    .until(() -> http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).contains("\"room\":\"Container room\"");
            assertThat(read(log)).contains("Logging to stderr only.", "Data: /var/lib/parley");
            assertThat(Files.exists(rootfs.resolve("var/lib/parley/tls"))
                    || Files.list(rootfs.resolve("var/lib/parley")).findAny().isPresent())
                    .as("the server wrote its data into the volume folder").isTrue();

            List<String> check = new ArrayList<>();
            config.get("config").get("Healthcheck").get("Test").forEach(part -> check.add(part.asText()));
            List<String> probe = new ArrayList<>(check.subList(1, check.size()));
            probe.add(Integer.toString(httpPort));
            Result healthy = run(inImage(probe), Duration.ofSeconds(60));
            assertThat(healthy.exit()).as(healthy.output()).isZero();

            ProcessHandle java = server.toHandle().descendants()
                    .filter(process -> process.info().command().orElse("").endsWith("/java")).findFirst().orElseThrow();
            java.destroy(); // SIGTERM, as `docker stop` sends
            assertThat(java.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(read(log)).contains("Room 'Container room' stopped");
        } finally {
            server.descendants().forEach(ProcessHandle::destroyForcibly);
            server.destroyForcibly();
        }
    }

    /** The command run as the image's user inside its files, with /proc and /dev as a runtime provides them. */
    private static List<String> inImage(List<String> command) {
        List<String> line = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "--fork", "sh", "-c",
                "mount -t proc proc \"$1/proc\" && mount --rbind /dev \"$1/dev\" && shift && exec \"$@\"", "sh",
                rootfs.toString(), "env", "-i"));
        config.get("config").get("Env").forEach(variable -> line.add(variable.asText()));
        line.addAll(List.of("/usr/sbin/chroot", "--userspec=" + config.get("config").get("User").asText(), rootfs.toString()));
        line.addAll(command);
        return line;
    }

    private static List<String> withEntrypoint(List<String> arguments) {
        List<String> command = new ArrayList<>();
        config.get("config").get("Entrypoint").forEach(part -> command.add(part.asText()));
        command.addAll(arguments);
        return command;
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path output = Files.createTempFile(work, "run", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in " + limit + ": " + read(output));
        }
        return new Result(process.exitValue(), read(output));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
