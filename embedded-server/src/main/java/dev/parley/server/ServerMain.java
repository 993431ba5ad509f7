package dev.parley.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import dev.parley.server.service.LogFile;
import dev.parley.server.service.OptionSources;
import dev.parley.server.service.ServerLogConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The headless room server: {@code java -jar parley-server.jar --port 7720 --data ./room}.
 *
 * <p>JVM options: {@code ./parley server} and the installed {@code parley-server} launcher start it with
 * {@code -XX:+UseSerialGC -Xms8m -Xmx512m}, and on Linux
 * {@code -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000}. The room makes little garbage and
 * decodes no audio, so the serial collector (no collector threads, no remembered sets) and a heap that starts at
 * 8 MB and grows only with the live data keep it light; 512 MB is a ceiling. The periodic trim hands back the
 * C heap glibc keeps after start-up (about 20 MiB of an idle room). Started with plain {@code java -jar}, the
 * JVM's defaults apply (G1, up to a quarter of RAM). Figures: docs/BENCHMARKS.md, "Room size and server weight"
 * and "Native heap trimming".
 */
@Command(name = "parley-server", mixinStandardHelpOptions = true, version = "Parley server 0.1.0",
        description = "Hosts a Parley room without a desktop: accounts, channels, chat (and voice).",
        footer = {"", "parley-server migrate --from DIR --to postgresql://... moves a stopped room from H2 to PostgreSQL "
                + "(migrate --help)."},
        sortOptions = false)
public final class ServerMain implements Callable<Integer> {
    static final String ENV_SERVER_PASSWORD = "PARLEY_SERVER_PASSWORD";
    /** Secrets come from exactly one place, in their own order (see {@link #serverPassword()}). */
    private static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("server-password", "server-password-file");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read options from FILE (or the file named by PARLEY_CONFIG): one 'option-name = value' per "
                    + "line, the long option names of this help without their dashes (docs/parley-server.properties "
                    + "lists them all). A flag on the command line beats a PARLEY_OPTION_NAME environment variable, "
                    + "which beats the file.")
    Path config;

    @Option(names = "--port", paramLabel = "PORT",
            description = "Control (WebSocket) port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--voice-port", paramLabel = "PORT",
            description = "UDP port for voice. Default: the same number as --port.")
    Integer voicePort;

    @Option(names = "--http-port", paramLabel = "PORT",
            description = "Port for GET /health and /metrics; 0 picks a free one, -1 turns it off. Default: ${DEFAULT-VALUE}.")
    int httpPort = ServerConfig.DEFAULT_HTTP_PORT;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            description = "Address /health and /metrics listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String httpHost = "127.0.0.1";

    @Option(names = "--max-connections-per-address", paramLabel = "N",
            description = "Control connections one address may hold at once. Default: ${DEFAULT-VALUE}.")
    int maxConnectionsPerAddress = dev.parley.server.control.ConnectionPolicy.DEFAULT.maxPerAddress();

    @Option(names = "--host", paramLabel = "ADDRESS",
            description = "Address to listen on. Default: ${DEFAULT-VALUE} (every interface).")
    String host = "0.0.0.0";

    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder for the room's database. Default: the user's app-data folder (${DEFAULT-VALUE}).")
    Path dataDir = DataDirs.defaultServerDir();

    @Option(names = "--database", paramLabel = "URL",
            description = "Keep the room's data in PostgreSQL: postgresql://USER@HOST:PORT/DATABASE or a jdbc:postgresql: "
                    + "URL, without the password (see --database-password-file). The database must exist; the schema is "
                    + "created in it. Default: the H2 file in the --data folder (nothing to install).")
    String database;

    @Option(names = "--database-password-file", paramLabel = "FILE",
            description = "Read the PostgreSQL password from the first line of FILE (owner-only, chmod 600); or set the "
                    + "environment variable PARLEY_DATABASE_PASSWORD. Never on the command line.")
    Path databasePasswordFile;

    @Option(names = "--name", paramLabel = "NAME", description = "Room name shown to people joining. Default: ${DEFAULT-VALUE}.")
    String roomName = "Parley room";

    @Option(names = "--server-password", paramLabel = "PASSWORD",
            description = "Password needed to register or join as a guest. WARNING: a password on the command line "
                    + "shows in `ps` and /proc to every user of this machine; prefer --server-password-file or the "
                    + "environment variable PARLEY_SERVER_PASSWORD.")
    String serverPassword;

    @Option(names = "--server-password-file", paramLabel = "FILE",
            description = "Read the server password from the first line of FILE (keep it owner-only, chmod 600).")
    Path serverPasswordFile;

    @Option(names = "--no-guests", description = "Refuse guests: everyone must register.")
    boolean noGuests;

    @Option(names = "--admin", paramLabel = "USERNAME",
            description = "Only this account may claim the room's admin with the one-time code. Default: any account.")
    String adminUsername;

    @Option(names = "--plain",
            description = "Serve plain ws:// without TLS. Passwords, chat and voice keys then cross the network readable; "
                    + "only for a trusted network or a TLS proxy in front.")
    boolean plain;

    @Option(names = "--registration", paramLabel = "MODE",
            description = "Who may create accounts: open (anyone, rate-limited), approval (an admin approves each new "
                    + "account before it can sign in), closed (nobody but the first admin) or invite (only with an invite code "
                    + "from an admin or moderator). Default: open.")
    String registration = "open";

    @picocli.CommandLine.Mixin
    dev.parley.server.discovery.AnnounceOptions lan = new dev.parley.server.discovery.AnnounceOptions();

    @picocli.CommandLine.Mixin
    dev.parley.server.files.FileOptions fileOptions = new dev.parley.server.files.FileOptions();

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "How much to log: error, warn, info, debug or trace. Default: ${DEFAULT-VALUE}.")
    String logLevel = "info";

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Folder for the rolling log file parley-server.log (daily and at 10 MB, compressed, 14 days, "
                    + "200 MB at most). Default: 'logs' in the --data folder.")
    Path logDir;

    @Option(names = "--no-log-file", description = "Log to stderr only.")
    boolean noLogFile;

    @Option(names = "--shutdown-grace", paramLabel = "SECONDS",
            description = "On SIGTERM (a service stop or restart), tell everyone signed in that the room restarts in "
                    + "SECONDS and keep serving until then; then finish what was accepted and close. 0 closes at once "
                    + "(still telling them). Keep it below the service manager's stop timeout (Docker: 10 s). "
                    + "Default: ${DEFAULT-VALUE}.")
    int shutdownGrace = 5;

    /** Environment variables and the config file, consulted for options the command line leaves out. */
    OptionSources sources = OptionSources.none();

    private dev.parley.server.files.FileLimits fileLimits() {
        try {
            return fileOptions.limits();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (shutdownGrace < 0 || shutdownGrace > dev.parley.protocol.control.message.Session.MAX_CLOSING_NOTICE_SECONDS) {
            throw new ParameterException(new CommandLine(this), "--shutdown-grace must be between 0 and "
                    + dev.parley.protocol.control.message.Session.MAX_CLOSING_NOTICE_SECONDS + " seconds.");
        }
        LogFile.setLevel(LogFile.level(logLevel));
        LogFile logFile = noLogFile ? null : LogFile.open(logDir != null ? logDir : dataDir.resolve("logs"));
        ServerConfig config = ServerConfig.builder(dataDir)
                .host(host).port(port).voicePort(voicePort == null ? port : voicePort).httpPort(httpPort).roomName(roomName)
                .guests(!noGuests).serverPassword(serverPassword()).admin(adminUsername).tls(!plain).httpHost(httpHost)
                .connections(dev.parley.server.control.ConnectionPolicy.DEFAULT.withMaxPerAddress(maxConnectionsPerAddress))
                .registration(dev.parley.server.registration.RegistrationMode.parse(registration))
                .database(database())
                .files(fileLimits())
                .build();
        var announceOn = lan.addresses(host); // a bad --announce-on fails before the room starts
        ParleyServer server = ParleyServer.start(config);
        var announcer = announceOn.isEmpty() ? null : dev.parley.server.discovery.RoomAnnouncer.start(server, announceOn);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (announcer != null) {
                announcer.close(); // the goodbye goes out while the room still answers
            }
            // A service stop is most often a restart or an upgrade: people are told it comes back.
            server.shutdown(java.time.Duration.ofSeconds(shutdownGrace), true);
            stopped.countDown();
        }, "parley-shutdown"));
        // The start-up lines are this command's own output (picocli's writer, standard output by default).
        java.io.PrintWriter console = spec.commandLine().getOut();
        // With --http-port -1 there is no endpoint to name (it printed "http://127.0.0.1:-1/health").
        String health = server.httpPort() < 0 ? "no health endpoint"
                : "health http://" + httpHost + ":" + server.httpPort() + "/health";
        console.printf("Parley room '%s' is up: %s, voice udp %d, %s. Data: %s%n",
                server.settings().name(), server.address(host), server.voicePort(), health, dataDir.toAbsolutePath());
        server.fingerprint().ifPresentOrElse(
                fingerprint -> console.printf("Certificate fingerprint (SHA-256): %s%n"
                        + "People joining should see this same fingerprint the first time they connect.%n", fingerprint),
                () -> console.println("WARNING: no TLS (--plain): passwords and chat cross the network readable."));
        server.adminClaimCode().ifPresent(code -> console.printf("This room has no admin yet. One-time admin code: %s%n"
                + "Register an account, then claim the room with it (CLI: ./parley cli --user NAME --password --register --claim-admin %s). It works once.%n", code, code));
        console.println(announcer == null ? "Not announced on the local network."
                : "Announcing on the local network (" + announceOn.stream().map(a -> a.getHostAddress()).toList()
                        + "); --no-announce to stay quiet.");
        sources.configFile().ifPresent(file -> console.printf("Options read from %s.%n", file.toAbsolutePath()));
        console.println(logFile == null ? "Logging to stderr only." : "Logging to stderr and " + logFile.path().toAbsolutePath() + ".");
        console.flush();
        stopped.await();
        return 0;
    }

    /**
     * The server password from exactly one of --server-password, --server-password-file and
     * PARLEY_SERVER_PASSWORD (in that order of precedence for the flag and the file, which may not
     * both be given); null when none is.
     */
    String serverPassword() {
        String fromCommandLine = serverPassword(serverPassword, serverPasswordFile == null ? null : serverPasswordFile.toString(),
                "--server-password or --server-password-file");
        if (fromCommandLine != null) {
            return fromCommandLine;
        }
        String fromEnvironment = serverPassword(sources.fromEnvironment("server-password").orElse(null),
                sources.fromEnvironment("server-password-file").orElse(null),
                ENV_SERVER_PASSWORD + " or " + OptionSources.environmentVariable("server-password-file"));
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        return serverPassword(sources.fromFile("server-password").orElse(null), sources.fromFile("server-password-file").orElse(null),
                "server-password or server-password-file in the config file");
    }

    /**
     * The PostgreSQL database from --database (or PARLEY_DATABASE, or the config file), its password from
     * --database-password-file (any source) or else PARLEY_DATABASE_PASSWORD; null for the H2 file.
     */
    dev.parley.server.db.PostgresTarget database() {
        if (database == null || database.isBlank()) {
            if (databasePasswordFile != null) {
                throw new ParameterException(new CommandLine(this), "--database-password-file needs --database.");
            }
            return null;
        }
        String password = databasePasswordFile != null
                ? readSecretFile(databasePasswordFile, "database password")
                : sources.fromEnvironment("database-password").orElse(null);
        try {
            return dev.parley.server.db.PostgresTarget.parse(database, password);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(new CommandLine(this), "--database: " + e.getMessage());
        }
    }

    /** A password given directly or as a file, from one source; null when that source gives neither. */
    private String serverPassword(String direct, String file, String what) {
        if (direct != null && file != null) {
            throw new ParameterException(new CommandLine(this), "Give " + what + ", not both.");
        }
        return file != null ? readPasswordFile(Path.of(file)) : direct;
    }

    private static String readPasswordFile(Path file) {
        return readSecretFile(file, "server password");
    }

    private static String readSecretFile(Path file, String what) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerException("Cannot read the " + what + " file " + file + ": " + e.getMessage(), e);
        }
        String password = lines.isEmpty() ? "" : lines.get(0);
        if (password.isEmpty()) {
            throw new ServerException("The " + what + " file " + file + " is empty: its first line is the password.");
        }
        return password;
    }

    /** The command line with its option sources (environment, config file) read for these arguments. */
    static CommandLine commandLine(String[] args, Map<String, String> environment) {
        ServerMain main = new ServerMain();
        CommandLine commandLine = new CommandLine(main);
        main.sources = OptionSources.load(args, environment, commandLine.getCommandSpec(), SECRET_KEYS);
        commandLine.setDefaultValueProvider(main.sources);
        return commandLine;
    }

    public static void main(String[] args) {
        ServerLogConfig.use();
        if (args.length > 0 && args[0].equals("migrate")) {
            LogFile.setLevel(ch.qos.logback.classic.Level.WARN); // the command's own lines say what happens
            System.exit(dev.parley.server.migrate.MigrateCommand.commandLine()
                    .execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        CommandLine commandLine;
        try {
            commandLine = commandLine(args, System.getenv());
        } catch (ServerException e) { // a config file that can't be read or holds an unknown key
            java.io.PrintWriter err = new CommandLine(new ServerMain()).getErr();
            err.println("parley-server: " + e.getMessage());
            err.flush();
            System.exit(2);
            return;
        }
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("parley-server: " + error.getMessage());
            return 1;
        });
        int exit = commandLine.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
