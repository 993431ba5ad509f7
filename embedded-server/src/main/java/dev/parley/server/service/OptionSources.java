package dev.parley.server.service;

import dev.parley.server.ServerException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where a headless server's options come from when the command line does not name them: first a
 * {@code PARLEY_*} environment variable ({@code --voice-port} → {@code PARLEY_VOICE_PORT}), then the
 * config file ({@code voice-port = 7730}, Java properties syntax), then the option's built-in default.
 * A flag on the command line beats both, because picocli asks a default provider only for options the
 * command line left out.
 *
 * <p>Immutable; built once on the main thread before the command line is parsed.
 */
public final class OptionSources implements CommandLine.IDefaultValueProvider {
    public static final String ENV_CONFIG = "PARLEY_CONFIG";
    private static final String CONFIG_OPTION = "--config";

    private final Map<String, String> environment;
    private final Properties file;
    private final Path fileName;
    /** Options this class must not fill in: secrets and their files are resolved by their owner, in its order. */
    private final Set<String> resolvedElsewhere;

    private OptionSources(Map<String, String> environment, Properties file, Path fileName, Set<String> resolvedElsewhere) {
        this.environment = environment;
        this.file = file;
        this.fileName = fileName;
        this.resolvedElsewhere = resolvedElsewhere;
    }

    /** No environment and no file: every option the command line leaves out keeps its built-in default. */
    public static OptionSources none() {
        return new OptionSources(Map.of(), new Properties(), null, Set.of());
    }

    /**
     * Reads the config file named by {@code --config FILE} on the command line or by
     * {@code PARLEY_CONFIG}, if any. The file must exist and be readable; a typo in a key fails here,
     * with the list of keys it may hold, rather than being ignored for months.
     */
    public static OptionSources load(String[] args, Map<String, String> environment, CommandLine.Model.CommandSpec spec,
            Set<String> resolvedElsewhere) {
        Path config = configFile(args, environment);
        Properties properties = new Properties();
        if (config != null) {
            try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new ServerException("Cannot read the config file " + config + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new ServerException("The config file " + config + " is not valid properties syntax: " + e.getMessage(), e);
            }
            Set<String> known = keys(spec);
            Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
            unknown.removeAll(known);
            if (!unknown.isEmpty()) {
                throw new ServerException("The config file " + config + " has unknown keys " + unknown
                        + "; it may hold: " + String.join(", ", known));
            }
        }
        return new OptionSources(Map.copyOf(environment), properties, config, Set.copyOf(resolvedElsewhere));
    }

    /** The keys a config file may hold: every long option of the command, without its dashes. */
    public static Set<String> keys(CommandLine.Model.CommandSpec spec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(CONFIG_OPTION)) {
                keys.add(key(option));
            }
        }
        return keys;
    }

    /** The environment variable that sets an option: {@code --voice-port} → {@code PARLEY_VOICE_PORT}. */
    public static String environmentVariable(String key) {
        return "PARLEY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String key = key(option);
        if (resolvedElsewhere.contains(key)) {
            return null;
        }
        return fromEnvironment(key).or(() -> fromFile(key)).orElse(null);
    }

    public Optional<String> fromEnvironment(String key) {
        return Optional.ofNullable(environment.get(environmentVariable(key))).filter(value -> !value.isEmpty());
    }

    public Optional<String> fromFile(String key) {
        return Optional.ofNullable(file.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The config file read, if any (for the start-up line). */
    public Optional<Path> configFile() {
        return Optional.ofNullable(fileName);
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static Path configFile(String[] args, Map<String, String> environment) {
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (arg.equals(CONFIG_OPTION) && i + 1 < list.size()) {
                return Path.of(list.get(i + 1));
            }
            if (arg.startsWith(CONFIG_OPTION + "=")) {
                return Path.of(arg.substring(CONFIG_OPTION.length() + 1));
            }
            if (arg.equals("--")) {
                break;
            }
        }
        String fromEnvironment = environment.get(ENV_CONFIG);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }
}
