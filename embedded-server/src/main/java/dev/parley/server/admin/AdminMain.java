package dev.parley.server.admin;

import dev.parley.protocol.control.Limits;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.Role;
import dev.parley.server.DataDirs;
import dev.parley.server.ServerException;
import dev.parley.server.auth.Account;
import dev.parley.server.auth.AccountRepository;
import dev.parley.server.auth.PasswordHasher;
import dev.parley.server.auth.TokenGenerations;
import dev.parley.server.channel.Channel;
import dev.parley.server.channel.ChannelRepository;
import dev.parley.server.db.Backup;
import dev.parley.server.db.Database;
import dev.parley.server.db.StoreException;
import dev.parley.server.moderation.AuditLog;
import dev.parley.server.moderation.BanRepository;
import dev.parley.server.moderation.StoredBan;
import dev.parley.server.service.LocalBackups;
import dev.parley.server.tls.TlsIdentity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a room without a client: {@code parley admin --data DIR users}. Works on a stopped room's data
 * folder (the running room holds its database open, and keeps accounts and bans in memory, so an
 * offline change is read at its next start). Every change is written to the room's audit log as done
 * by {@value #ACTOR_NAME}.
 */
@Command(name = "parley-admin", mixinStandardHelpOptions = true, version = "Parley admin 0.1.0",
        description = "Looks after a stopped Parley room from its data folder: accounts, roles, passwords, bans, "
                + "channels, the audit log, the certificate fingerprint; and backs up a room, running or not.",
        footer = {"", "A running room: parley admin --connect HOST:PORT --user NAME ... (as one of its admins, over the network)."},
        sortOptions = false, subcommandsRepeatable = false)
public final class AdminMain {
    static final String ACTOR_NAME = "parley admin (offline)";
    private static final long ACTOR_ID = 0;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", scope = CommandLine.ScopeType.INHERIT,
            description = "The room's data folder (the server's --data). Default: ${DEFAULT-VALUE}.")
    Path dataDir = DataDirs.defaultServerDir();

    /** The terminal, when there is one: a password typed there is not echoed. Null for pipes and tests. */
    java.io.Console console = System.console();

    /** Where {@code reset-password} reads a password from when no file is given and there is no terminal. */
    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private final AccountRepository accounts = new AccountRepository();
    private final ChannelRepository channels = new ChannelRepository();
    private final BanRepository bans = new BanRepository();
    private final AuditLog audit = new AuditLog();
    private final TokenGenerations generations = new TokenGenerations();
    private final Clock clock = Clock.systemUTC();

    @Command(name = "users", description = "Lists the accounts: id, name, role, created, last seen.")
    int users() {
        return withDatabase(db -> {
            List<Account> all = db.transact(accounts::all);
            List<Long> pending = db.transact(c -> accounts.pending(c, 0, Integer.MAX_VALUE)).stream().map(Account::id).toList();
            out().printf("%6s  %-32s  %-10s  %-20s  %s%n", "id", "name", "role", "created", "last seen");
            for (Account account : all) {
                out().printf("%6d  %-32s  %-10s  %-20s  %s%n", account.id(), account.username(),
                        pending.contains(account.id()) ? "pending" : wire(account.role()), day(account.createdAt()),
                        account.lastSeenAt() == null ? "never" : day(account.lastSeenAt()));
            }
            return 0;
        });
    }

    @Command(name = "set-role", description = "Makes an account admin, moderator or member.")
    int setRole(@Parameters(paramLabel = "USER", description = "Account name or id.") String user,
            @Parameters(paramLabel = "ROLE", description = "admin, moderator or member.") String roleName) {
        Role role = switch (roleName.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "moderator" -> Role.MODERATOR;
            case "member" -> Role.MEMBER;
            default -> throw new ServerException("Unknown role '" + roleName + "': use admin, moderator or member.");
        };
        return withDatabase(db -> db.transact(c -> {
            Account account = account(c, user);
            if (account.role() == Role.ADMIN && role != Role.ADMIN) {
                refuseLeavingNoAdmin(c, account);
            }
            accounts.setRole(c, account.id(), role);
            record(c, "role", account, null, wire(account.role()) + " -> " + wire(role));
            out().printf("%s is now %s (was %s).%n", account.username(), wire(role), wire(account.role()));
            return 0;
        }));
    }

    @Command(name = "reset-password",
            description = "Sets a new password for an account (read from the first line of --password-file, or of "
                    + "standard input) and signs it out everywhere.")
    int resetPassword(@Parameters(paramLabel = "USER", description = "Account name or id.") String user,
            @Option(names = "--password-file", paramLabel = "FILE") Path passwordFile) {
        String password = readPassword(passwordFile);
        if (password.length() < Limits.MIN_PASSWORD || password.length() > Limits.MAX_PASSWORD) {
            throw new ServerException("A password must be " + Limits.MIN_PASSWORD + " to " + Limits.MAX_PASSWORD + " characters long.");
        }
        String hash = new PasswordHasher().hash(password);
        return withDatabase(db -> db.transact(c -> {
            Account account = account(c, user);
            accounts.setPasswordHash(c, account.id(), hash);
            generations.bump(c, account.id()); // every session token issued before now stops working
            record(c, "password.reset", account, null, null);
            out().printf("New password set for %s; their sessions are signed out.%n", account.username());
            return 0;
        }));
    }

    @Command(name = "ban", description = "Bans an account (until lifted, or for --days).")
    int ban(@Parameters(paramLabel = "USER", description = "Account name or id.") String user,
            @Option(names = "--reason", paramLabel = "TEXT") String reason,
            @Option(names = "--days", paramLabel = "N") Integer days) {
        if (days != null && days <= 0) {
            throw new ServerException("--days must be at least 1.");
        }
        return withDatabase(db -> db.transact(c -> {
            Account account = account(c, user);
            Instant now = clock.instant();
            Instant expires = days == null ? null : now.plus(Duration.ofDays(days));
            StoredBan stored = bans.insert(c, new StoredBan(0, account.id(), account.id(), account.username(), null,
                    reason, now, expires, ACTOR_ID, ACTOR_NAME));
            generations.bump(c, account.id());
            record(c, "ban", account, reason, expires == null ? "until lifted" : "until " + expires);
            out().printf("%s is banned %s (ban %d).%n", account.username(),
                    expires == null ? "until lifted" : "until " + day(expires), stored.id());
            return 0;
        }));
    }

    @Command(name = "unban", description = "Lifts every ban in force on an account.")
    int unban(@Parameters(paramLabel = "USER", description = "Account name or id.") String user) {
        return withDatabase(db -> db.transact(c -> {
            Account account = account(c, user);
            Instant now = clock.instant();
            int lifted = 0;
            for (StoredBan ban : bans.active(c, now)) {
                if (ban.accountId() != null && ban.accountId() == account.id() && bans.lift(c, ban.id(), ACTOR_ID, now)) {
                    record(c, "ban.lift", account, null, "ban " + ban.id());
                    lifted++;
                }
            }
            out().println(lifted == 0 ? account.username() + " has no ban in force."
                    : "Lifted " + lifted + " ban" + (lifted == 1 ? "" : "s") + " on " + account.username() + ".");
            return 0;
        }));
    }

    @Command(name = "delete-account",
            description = "Deletes an account and its direct messages; its channel messages stay, without an author.")
    int deleteAccount(@Parameters(paramLabel = "USER", description = "Account name or id.") String user,
            @Option(names = "--yes", description = "Really delete (nothing happens without it).") boolean yes) {
        return withDatabase(db -> db.transact(c -> {
            Account account = account(c, user);
            if (account.role() == Role.ADMIN) {
                refuseLeavingNoAdmin(c, account);
            }
            if (!yes) {
                out().printf("This deletes %s (id %d) and their direct messages. Run again with --yes to do it.%n",
                        account.username(), account.id());
                return 1;
            }
            update(c, "DELETE FROM messages WHERE dm_low = ? OR dm_high = ?", account.id(), account.id());
            update(c, "UPDATE messages SET author_id = NULL WHERE author_id = ?", account.id());
            update(c, "DELETE FROM accounts WHERE id = ?", account.id());
            record(c, "user.delete", account, null, null);
            out().printf("Deleted %s.%n", account.username());
            return 0;
        }));
    }

    @Command(name = "export",
            description = "Exports the whole room's chat: one JSON file per channel (parley-chat-export/1, as the app "
                    + "and CLI write), and per direct conversation with --with-direct-messages; the files sent in them "
                    + "are copied into files/ beside them unless --no-files.")
    int export(@Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write to.") Path out,
               @Option(names = "--with-direct-messages",
                       description = "Include people's direct messages (private: only when they agreed).") boolean dms,
               @Option(names = "--no-files", description = "Leave the files out (the messages still name them).")
               boolean noFiles) {
        return withDatabase(db -> db.transact(c -> {
            try {
                List<RoomExport.Written> written = new RoomExport().export(c, out, dataDir.getFileName().toString(), dms,
                        noFiles ? null : new dev.parley.server.files.FileStore(dataDir), clock);
                written.forEach(file -> out().printf("%s: %d messages%s%n", file.file(), file.messages(),
                        file.files() > 0 ? ", " + file.files() + (file.files() == 1 ? " file" : " files") : ""));
                written.stream().flatMap(file -> file.problems().stream())
                        .forEach(problem -> out().printf("Not exported: %s%n", problem));
                out().printf("Exported %d conversations to %s.%n", written.size(), out.toAbsolutePath());
                return 0;
            } catch (java.io.IOException e) {
                throw new ServerException("Could not write the export to " + out + ": " + e.getMessage(), e);
            }
        }));
    }

    @Command(name = "channels", description = "Lists the channels as a tree, with which have a password.")
    int channels() {
        return withDatabase(db -> {
            List<Channel> all = db.transact(channels::all);
            Map<Long, List<Channel>> children = all.stream().filter(ch -> ch.parentId() != null)
                    .collect(Collectors.groupingBy(Channel::parentId));
            all.stream().filter(ch -> ch.parentId() == null).forEach(root -> printTree(root, children, 0));
            return 0;
        });
    }

    @Command(name = "audit", description = "Shows the moderation audit log, newest first.")
    int audit(@Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit) {
        return withDatabase(db -> {
            for (AuditEntry entry : db.transact(c -> audit.page(c, null, Math.max(1, limit)))) {
                out().printf("%s  %-24s %-22s %s%s%s%n", Instant.ofEpochMilli(entry.ts()).toString().substring(0, 19).replace('T', ' '),
                        entry.actorName(), entry.action(), entry.targetName() == null ? "" : entry.targetName(),
                        entry.reason() == null ? "" : "  reason: " + entry.reason(),
                        entry.detail() == null ? "" : "  (" + entry.detail() + ")");
            }
            return 0;
        });
    }

    @Command(name = "backup",
            description = "Writes a backup of the room (its database and certificate) to a new zip FILE: from the "
                    + "running room when it runs (through its local /backup endpoint), else from the data folder.")
    int backup(@Option(names = "--to", paramLabel = "FILE", required = true) Path to) {
        if (Files.exists(to)) {
            throw new ServerException(to + " already exists: name a new file.");
        }
        Path endpoint = dataDir.resolve(LocalBackups.ENDPOINT_FILE);
        if (Files.exists(endpoint)) {
            java.util.Optional<Path> made = RunningRoomBackup.ask(endpoint);
            if (made.isPresent()) {
                try {
                    Files.move(made.get(), to);
                    out().printf("Backed up the running room to %s (%d bytes).%n", to, Files.size(to));
                } catch (IOException e) {
                    throw new ServerException("The room wrote " + made.get() + " but it could not be moved to " + to
                            + ": " + e.getMessage(), e);
                }
                return 0;
            }
        }
        return withDatabase(db -> {
            long bytes = db.transact(c -> {
                try {
                    return Backup.write(c, dataDir, to);
                } catch (IOException e) {
                    throw new ServerException("Cannot write " + to + ": " + e.getMessage(), e);
                }
            });
            out().printf("Backed up the stopped room to %s (%d bytes).%n", to, bytes);
            return 0;
        });
    }

    @Command(name = "restore",
            description = "Unpacks a backup into --data DIR, which must not hold a room yet; then start the room there.")
    int restore(@Parameters(paramLabel = "FILE", description = "A zip made by backup.") Path zip) {
        try {
            Backup.restore(zip, dataDir);
        } catch (IOException e) {
            throw new ServerException("Cannot restore " + zip + ": " + e.getMessage(), e);
        }
        out().printf("Restored into %s: start the room with --data %s.%n", dataDir.toAbsolutePath(), dataDir);
        return 0;
    }

    @Command(name = "fingerprint", description = "Prints the room certificate's SHA-256 fingerprint.")
    int fingerprint() {
        if (!Files.exists(dataDir.resolve(TlsIdentity.FILE))) {
            throw new ServerException("No certificate in " + dataDir + " yet: the room makes one at its first start.");
        }
        out().println(TlsIdentity.loadOrCreate(dataDir).fingerprint());
        return 0;
    }

    private void printTree(Channel channel, Map<Long, List<Channel>> children, int depth) {
        out().printf("%s%s (id %d)%s%n", "  ".repeat(depth), channel.name(), channel.id(),
                channel.passwordHash() == null ? "" : " [password]");
        children.getOrDefault(channel.id(), List.of()).forEach(child -> printTree(child, children, depth + 1));
    }

    private int withDatabase(Function<Database, Integer> work) {
        var postgres = dev.parley.server.db.PostgresMarker.read(dataDir);
        if (postgres.isPresent()) {
            throw new ServerException("The room in " + dataDir.toAbsolutePath() + " keeps its data in PostgreSQL ("
                    + postgres.get() + "), which this tool does not open; make changes from the app. For a backup: "
                    + dev.parley.server.db.PostgresMarker.BACKUP_ADVICE);
        }
        if (!Files.exists(dataDir.resolve("parley.mv.db"))) {
            throw new ServerException("No room in " + dataDir.toAbsolutePath() + " (no parley.mv.db): give its folder with --data.");
        }
        Database database;
        try {
            database = Database.openFile(dataDir);
        } catch (StoreException e) {
            if (String.valueOf(e.getMessage()).contains("already in use")) {
                throw new ServerException("The room in " + dataDir.toAbsolutePath()
                        + " is running (its database is in use): stop it first, or make the change from the app.", e);
            }
            throw e;
        }
        try (database) {
            return work.apply(database);
        }
    }

    private Account account(Connection c, String user) throws SQLException {
        var found = user.chars().allMatch(Character::isDigit) ? accounts.findById(c, Long.parseLong(user))
                : accounts.findByUsername(c, user);
        return found.orElseThrow(() -> new ServerException("There is no account '" + user + "' (see: users)."));
    }

    private void refuseLeavingNoAdmin(Connection c, Account admin) throws SQLException {
        long admins = accounts.all(c).stream().filter(a -> a.role() == Role.ADMIN).count();
        if (admins <= 1) {
            throw new ServerException(admin.username() + " is the room's only admin: make someone else admin first.");
        }
    }

    private void record(Connection c, String action, Account target, String reason, String detail) throws SQLException {
        audit.insert(c, new AuditLog.Action(ACTOR_ID, ACTOR_NAME, action, target.id(), target.username(), null, reason, detail),
                clock.instant());
    }

    private String readPassword(Path file) {
        try {
            String line;
            if (file != null) {
                line = Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse(null);
            } else if (console != null) {
                char[] typed = console.readPassword("New password: ");
                line = typed == null ? null : new String(typed);
            } else {
                line = stdin.readLine();
            }
            if (line == null || line.isEmpty()) {
                throw new ServerException("No password given: its first line is the password.");
            }
            return line;
        } catch (IOException e) {
            throw new ServerException("Cannot read the new password: " + e.getMessage(), e);
        }
    }

    private static void update(Connection c, String sql, long... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String wire(Role role) {
        return role.wire();
    }

    private static String day(Instant instant) {
        return instant.toString().substring(0, 16).replace('T', ' ');
    }

    /** The command line, with errors said in one line and a non-zero exit. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new AdminMain());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("parley admin: " + error.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        dev.parley.server.service.ServerLogConfig.use();
        // The database's own INFO lines ("Database ... open") are not what someone running a command wants to read.
        dev.parley.server.service.LogFile.setLevel(ch.qos.logback.classic.Level.WARN);
        int exit = commandLine().execute(args);
        System.exit(exit);
    }
}
