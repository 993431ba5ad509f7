package dev.parley.client.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The installers workflow (.github/workflows/installers.yml) cannot run here: GitHub runs it on Windows,
 * macOS and Linux. What can be checked here is: it is valid YAML of the expected shape, it covers every
 * desktop OS and CPU Parley ships natives for (but Linux arm64), it names only real actions pinned to full
 * commit hashes, every script it runs exists, and the shell scripts parse ({@code bash -n}) and pass
 * shellcheck when it is installed.
 */
class InstallerWorkflowTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORKFLOW = ROOT.resolve(".github/workflows/installers.yml");
    /**
     * The actions the workflow may use, each at the commit its release tag pointed to when it was pinned
     * (read from the action's own repository: checkout v7.0.1, setup-java v5.7.0, upload-artifact v7.0.0).
     */
    private static final Map<String, String> PINNED = Map.of(
            "actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1",
            "actions/setup-java", "b6effb05e454b25005698d916606bdc6ffcbf961",
            "actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f");
    private static final Pattern SCRIPT = Pattern.compile("(?:\\./)?(installer/scripts/[\\w.-]+|scripts/[\\w.-]+)");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job() throws IOException {
        Map<String, Object> workflow = new Yaml().load(Files.readString(WORKFLOW));
        // YAML 1.1 reads the key "on" as true; either way the workflow must say when it runs.
        assertThat(workflow.containsKey("on") || workflow.containsKey(Boolean.TRUE)).as("has triggers").isTrue();
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        assertThat(jobs).containsOnlyKeys("installer");
        return (Map<String, Object>) jobs.get("installer");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps() throws IOException {
        return (List<Map<String, Object>>) job().get("steps");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theMatrixCoversWindowsMacosOnBothCpusAndLinux() throws IOException {
        Map<String, Object> matrix = (Map<String, Object>) ((Map<String, Object>) job().get("strategy")).get("matrix");
        List<Map<String, Object>> include = (List<Map<String, Object>>) matrix.get("include");
        Set<String> platforms = include.stream().map(row -> (String) row.get("platform")).collect(Collectors.toCollection(TreeSet::new));
        // Linux arm64 natives are built and checked by scripts/check-natives.sh; GitHub's arm64 Linux runners
        // are not available to every repository, so its installer is not built there.
        Set<String> expected = new TreeSet<>(HostPlatform.SHIPPED);
        expected.remove("linux-arm64");
        assertThat(platforms).isEqualTo(expected);
        for (Map<String, Object> row : include) {
            String os = (String) row.get("os");
            String platform = (String) row.get("platform");
            assertThat(os).as(platform).startsWith(platform.startsWith("windows") ? "windows-"
                    : platform.startsWith("macos") ? "macos-" : "ubuntu-");
        }
    }

    @Test
    void onlyRealActionsPinnedToFullCommitHashes() throws IOException {
        List<String> uses = new ArrayList<>();
        for (Map<String, Object> step : steps()) {
            assertThat(step.containsKey("uses") ^ step.containsKey("run")).as("step %s: uses or run", step.get("name")).isTrue();
            if (step.containsKey("uses")) {
                uses.add((String) step.get("uses"));
            }
        }
        assertThat(uses).isNotEmpty();
        for (String use : uses) {
            String[] parts = use.split("@");
            assertThat(parts).as(use).hasSize(2);
            assertThat(PINNED).as("a known action").containsKey(parts[0]);
            assertThat(parts[1]).as(use + " is pinned to the verified commit").isEqualTo(PINNED.get(parts[0]));
        }
    }

    @Test
    void everyOsBuildsAndSmokeTestsItsInstallerWithScriptsThatExist() throws IOException {
        for (String os : List.of("Linux", "Windows", "macOS")) {
            List<String> runs = new ArrayList<>();
            for (Map<String, Object> step : steps()) {
                if (step.containsKey("run") && appliesTo(String.valueOf(step.getOrDefault("if", "")), os)) {
                    runs.add((String) step.get("run"));
                }
            }
            String all = String.join("\n", runs);
            assertThat(all).as(os + " builds its installer").containsAnyOf("-Pinstaller", "build-windows.ps1", "build-macos.sh");
            assertThat(all).as(os + " smoke-tests the install").contains("smoke-install");
            assertThat(all).as(os + " checks its natives").contains("PlatformNativesIT");
            Matcher scripts = SCRIPT.matcher(all);
            while (scripts.find()) {
                assertThat(ROOT.resolve(scripts.group(1))).as("script run on " + os).isRegularFile();
            }
        }
        for (Map<String, Object> step : steps()) {
            if (step.containsKey("shell")) {
                assertThat(step.get("shell")).isIn("bash", "pwsh");
            }
        }
    }

    /** The three forms of {@code if:} the workflow uses; anything else fails here so this test keeps up. */
    private static boolean appliesTo(String condition, String os) {
        if (condition.isBlank()) {
            return true;
        }
        Matcher is = Pattern.compile("runner\\.os (==|!=) '(\\w+)'").matcher(condition.strip());
        assertThat(is.matches()).as("understood condition: " + condition).isTrue();
        return is.group(1).equals("==") == is.group(2).equals(os);
    }

    private static List<Path> shellScripts() throws IOException {
        List<Path> scripts = new ArrayList<>(List.of(ROOT.resolve("parley")));
        for (String folder : List.of("installer/scripts", "scripts")) {
            try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
                files.filter(file -> file.toString().endsWith(".sh")).sorted().forEach(scripts::add);
            }
        }
        return scripts;
    }

    @Test
    void shellScriptsParse() throws Exception {
        for (Path script : shellScripts()) {
            Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
            assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as(script + ": " + new String(bash.getInputStream().readAllBytes())).isZero();
        }
    }

    @Test
    void shellScriptsPassShellcheck() throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "shellcheck")));
        assumeTrue(installed, "shellcheck is not installed (Debian: apt-get install shellcheck)");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--severity=warning"));
        shellScripts().forEach(script -> command.add(script.toString()));
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as(output).isZero();
    }
}
