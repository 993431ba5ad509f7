package dev.parley.server.migrate;

import dev.parley.server.ServerException;
import dev.parley.server.db.PostgresTarget;
import dev.parley.server.tls.TlsIdentity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley server migrate --from DIR --to postgresql://...}: moves a stopped room from its H2 file
 * to PostgreSQL ({@link RoomMigration}) and tells the operator how to start it there.
 */
@Command(name = "parley-server migrate", mixinStandardHelpOptions = true, version = "Parley server 0.1.0",
        description = "Moves a stopped room's data from its H2 file to an empty PostgreSQL database: creates the schema, "
                + "copies every table, checks row counts and checksums. The H2 file and the room certificate stay in the "
                + "data folder; afterwards start the room with --data DIR --database URL.",
        sortOptions = false)
public final class MigrateCommand implements Callable<Integer> {
    static final String ENV_PASSWORD = "PARLEY_DATABASE_PASSWORD";

    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "DIR", required = true, description = "The stopped room's data folder (its --data).")
    Path from;

    @Option(names = "--to", paramLabel = "URL", required = true,
            description = "The PostgreSQL database: postgresql://USER@HOST:PORT/DATABASE or a jdbc:postgresql: URL, without the "
                    + "password. It must exist and be empty (createdb).")
    String to;

    @Option(names = "--to-password-file", paramLabel = "FILE",
            description = "Read the PostgreSQL password from the first line of FILE; or set " + ENV_PASSWORD
                    + ". Never on the command line.")
    Path passwordFile;

    /** The process environment; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PostgresTarget target = target();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Migrating the room in %s to %s.%n", from.toAbsolutePath(), target.describe());
        out.flush();
        RoomMigration.Result result = new RoomMigration(from, target, line -> {
            out.println(line);
            out.flush();
        }).run();
        out.printf("Schema version %s. Checked every table (rows and SHA-256 checksum of the contents):%n", result.schemaVersion());
        for (TableCopy table : result.tables()) {
            out.printf("  %-30s %,10d rows  checksum %s  %s%n", table.table(), table.targetRows(),
                    table.targetChecksum().substring(0, 16), table.matches() ? "same" : "DIFFERENT");
        }
        result.nextIds().forEach((column, next) -> out.printf("  next %s will be %d%n", column, next));
        out.printf("Done: the room's data is now in %s.%n", target.describe());
        out.printf("The room certificate (%s, its fingerprint unchanged) and the old H2 file stay in %s; keep the folder.%n",
                TlsIdentity.FILE, from.toAbsolutePath());
        out.printf("Next: start the room with%n  parley server --data %s --database %s --database-password-file FILE%n"
                + "(or PARLEY_DATABASE_PASSWORD). Starting it without --database would run the old H2 copy again.%n", from, to);
        out.flush();
        return 0;
    }

    private PostgresTarget target() {
        String password;
        if (passwordFile != null) {
            password = readPasswordFile(passwordFile);
        } else {
            password = environment.get(ENV_PASSWORD);
        }
        try {
            return PostgresTarget.parse(to, password);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--to: " + e.getMessage()
                    .replace("--database-password-file", "--to-password-file"));
        }
    }

    private static String readPasswordFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ServerException("Cannot read the database password file " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
            throw new ServerException("The database password file " + file + " is empty: its first line is the password.");
        }
        return lines.get(0);
    }

    /** The command line, with errors said in one line and a non-zero exit. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new MigrateCommand());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("parley server migrate: " + error.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }
}
