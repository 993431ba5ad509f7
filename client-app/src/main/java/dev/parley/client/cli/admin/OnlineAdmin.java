package dev.parley.client.cli.admin;

import dev.parley.client.core.net.ClientConfig;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.net.FingerprintDecision;
import dev.parley.client.core.net.JoinLink;
import dev.parley.client.core.net.KnownServers;
import dev.parley.client.core.net.RequestFailed;
import dev.parley.client.core.net.ServerTrust;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Invites;
import dev.parley.protocol.control.message.Moderation;
import dev.parley.protocol.control.message.Session;
import dev.parley.protocol.control.message.Users;
import dev.parley.protocol.control.model.AuditEntry;
import dev.parley.protocol.control.model.BanInfo;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.InviteInfo;
import dev.parley.protocol.control.model.Role;
import dev.parley.protocol.control.model.UserState;
import dev.parley.protocol.tls.Fingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley admin --connect HOST:PORT --user NAME ...}: looks after a running room as one of its
 * admins, over the same protocol and requests as the app's Room admin window (so with exactly the
 * powers that account has there, and every change in the room's audit log under its name). The room's
 * certificate is pinned as for the CLI: {@code --fingerprint}, a room already trusted, or a question on
 * the terminal. One command per run, on the thread that runs it.
 */
@Command(name = "parley admin --connect", mixinStandardHelpOptions = true, version = "Parley admin 0.1.0",
        description = "Looks after a running Parley room as an admin account, over the network: accounts, roles, bans, "
                + "channels, the audit log.",
        sortOptions = false)
public final class OnlineAdmin {
    private static final long TIMEOUT_SECONDS = 15;

    @Spec
    CommandSpec spec;

    @Option(names = "--connect", paramLabel = "HOST:PORT", required = true, scope = CommandLine.ScopeType.INHERIT,
            description = "The running room (its control port, 7720 unless changed).")
    String connect;

    @Option(names = "--user", paramLabel = "NAME", required = true, scope = CommandLine.ScopeType.INHERIT,
            description = "An admin account of the room.")
    String user;

    @Option(names = "--password-file", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Read the account's password from the first line of FILE. Default: asked for on the terminal "
                    + "(not echoed), or the first line of standard input.")
    Path passwordFile;

    @Option(names = "--fingerprint", paramLabel = "SHA-256", scope = CommandLine.ScopeType.INHERIT,
            description = "The room certificate's fingerprint, as the room prints it at start (or parley admin --data DIR "
                    + "fingerprint): the connection is refused if the room shows another one.")
    String fingerprint;

    @Option(names = "--trust-on-first-use", scope = CommandLine.ScopeType.INHERIT,
            description = "Trust whatever certificate a room seen for the first time shows (then pin it).")
    boolean trustOnFirstUse;

    @Option(names = "--plain", scope = CommandLine.ScopeType.INHERIT,
            description = "Connect without TLS (ws://), to a room started with --plain.")
    boolean plain;

    @Option(names = "--known-servers", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Trusted rooms file (default: known-servers.json in the Parley data folder, shared with the app); "
                    + "not used with --fingerprint.")
    Path knownServers;

    /** The terminal, when there is one: the password and the trust question go there. Null for pipes and tests. */
    java.io.Console console = System.console();

    BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    @Command(name = "users", description = "Lists the accounts: id, name, role, online or last seen.")
    int users() {
        return withRoom(room -> {
            out().printf("%6s  %-32s  %-10s  %s%n", "id", "name", "role", "last seen");
            for (UserState member : room.members()) {
                out().printf("%6d  %-32s  %-10s  %s%n", member.id(), member.user().name(), member.user().role().wire(),
                        member.lastSeen() == null ? "online" : day(Instant.ofEpochMilli(member.lastSeen())));
            }
            return 0;
        });
    }

    @Command(name = "set-role", description = "Makes an account admin, moderator or member.")
    int setRole(@Parameters(paramLabel = "USER", description = "Account name or id.") String target,
            @Parameters(paramLabel = "ROLE", description = "admin, moderator or member.") String roleName) {
        Role role = switch (roleName.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "moderator" -> Role.MODERATOR;
            case "member" -> Role.MEMBER;
            default -> throw new AdminFailure("Unknown role '" + roleName + "': use admin, moderator or member.");
        };
        return withRoom(room -> {
            UserState account = room.account(target);
            room.ok(new Users.SetRole(account.id(), role));
            out().printf("%s is now %s (was %s).%n", account.user().name(), role.wire(), account.user().role().wire());
            return 0;
        });
    }

    @Command(name = "reset-password",
            description = "Not over the network: the protocol lets each account change only its own password. Run "
                    + "parley admin --data DIR reset-password USER with the room stopped.")
    int resetPassword(@Parameters(paramLabel = "USER") String target) {
        throw new AdminFailure("A password cannot be reset over the network (the room lets each account change only its "
                + "own). Stop the room and run: parley admin --data DIR reset-password " + target);
    }

    @Command(name = "ban", description = "Bans an account (until lifted, or for --days); signs it out if online.")
    int ban(@Parameters(paramLabel = "USER", description = "Account name or id.") String target,
            @Option(names = "--reason", paramLabel = "TEXT") String reason,
            @Option(names = "--days", paramLabel = "N") Integer days) {
        if (days != null && (days <= 0 || days > 3650)) {
            throw new AdminFailure("--days must be 1 to 3650.");
        }
        return withRoom(room -> {
            UserState account = room.account(target);
            room.ok(new Moderation.Ban(account.id(), reason, days == null ? null : Duration.ofDays(days).toMillis(), false));
            out().printf("%s is banned %s.%n", account.user().name(), days == null ? "until lifted" : "for " + days + " days");
            return 0;
        });
    }

    @Command(name = "unban", description = "Lifts every ban in force on an account.")
    int unban(@Parameters(paramLabel = "USER", description = "Account name or id.") String target) {
        return withRoom(room -> {
            UserState account = room.account(target);
            int lifted = 0;
            for (BanInfo ban : room.bans()) {
                if (ban.userId() != null && ban.userId() == account.id()) {
                    room.ok(new Moderation.BanLift(ban.id()));
                    lifted++;
                }
            }
            out().println(lifted == 0 ? account.user().name() + " has no ban in force."
                    : "Lifted " + lifted + " ban" + (lifted == 1 ? "" : "s") + " on " + account.user().name() + ".");
            return 0;
        });
    }

    @Command(name = "bans", description = "Lists the bans in force.")
    int bans() {
        return withRoom(room -> {
            for (BanInfo ban : room.bans()) {
                out().printf("%6d  %-32s  by %-20s  %s%s%n", ban.id(), ban.name() == null ? ban.address() : ban.name(), ban.byName(),
                        ban.expiresAt() == null ? "until lifted" : "until " + day(Instant.ofEpochMilli(ban.expiresAt())),
                        ban.reason() == null ? "" : "  reason: " + ban.reason());
            }
            return 0;
        });
    }

    @Command(name = "delete-account", description = "Deletes an account (the room decides what happens to its messages).")
    int deleteAccount(@Parameters(paramLabel = "USER", description = "Account name or id.") String target,
            @Option(names = "--reason", paramLabel = "TEXT") String reason,
            @Option(names = "--yes", description = "Really delete (nothing happens without it).") boolean yes) {
        return withRoom(room -> {
            UserState account = room.account(target);
            if (!yes) {
                out().printf("This deletes %s (id %d). Run again with --yes to do it.%n", account.user().name(), account.id());
                return 1;
            }
            room.ok(new Moderation.DeleteUser(account.id(), reason));
            out().printf("Deleted %s.%n", account.user().name());
            return 0;
        });
    }

    @Command(name = "channels", description = "Lists the channels as a tree, with which have a password.")
    int channels() {
        return withRoom(room -> {
            List<ChannelInfo> all = room.channels();
            Map<Long, List<ChannelInfo>> children = all.stream().filter(ch -> ch.parentId() != null)
                    .collect(Collectors.groupingBy(ChannelInfo::parentId));
            all.stream().filter(ch -> ch.parentId() == null).forEach(root -> printTree(root, children, 0));
            return 0;
        });
    }

    @Command(name = "audit", description = "Shows the moderation audit log, newest first.")
    int audit(@Option(names = "--limit", paramLabel = "N", defaultValue = "50") int limit) {
        return withRoom(room -> {
            for (AuditEntry entry : room.audit(Math.max(1, limit))) {
                out().printf("%s  %-24s %-22s %s%s%s%n", Instant.ofEpochMilli(entry.ts()).toString().substring(0, 19).replace('T', ' '),
                        entry.actorName(), entry.action(), entry.targetName() == null ? "" : entry.targetName(),
                        entry.reason() == null ? "" : "  reason: " + entry.reason(),
                        entry.detail() == null ? "" : "  (" + entry.detail() + ")");
            }
            return 0;
        });
    }

    @Command(name = "invite-create", description = "Makes an invite code and prints its parley:// link (admins and moderators).")
    int inviteCreate(@Option(names = "--uses", paramLabel = "N", defaultValue = "1",
                             description = "How many accounts it may make (default: ${DEFAULT-VALUE}).") int uses,
                     @Option(names = "--expires-minutes", paramLabel = "M", description = "Expires after M minutes (default: never).")
                     Integer expiresMinutes,
                     @Option(names = "--channel", paramLabel = "NAME|ID", description = "Where joiners land (default: the lobby).")
                     String channelName,
                     @Option(names = "--role", paramLabel = "ROLE", defaultValue = "member",
                             description = "member, moderator or admin; at most your own (default: ${DEFAULT-VALUE}).")
                     String roleName) {
        Role role = switch (roleName.toLowerCase(Locale.ROOT)) {
            case "admin" -> Role.ADMIN;
            case "moderator" -> Role.MODERATOR;
            case "member" -> Role.MEMBER;
            default -> throw new AdminFailure("Unknown role '" + roleName + "': use admin, moderator or member.");
        };
        return withRoom(room -> {
            Long channelId = channelName == null ? null : room.channels().stream()
                    .filter(ch -> ch.name().equalsIgnoreCase(channelName) || Long.toString(ch.id()).equals(channelName))
                    .map(ChannelInfo::id).findFirst()
                    .orElseThrow(() -> new AdminFailure("There is no channel '" + channelName + "' (see: channels)."));
            InviteInfo invite;
            try {
                invite = await(room.client.request(new Invites.Create(uses, expiresMinutes, channelId, role),
                        Invites.Created.class)).invite();
            } catch (dev.parley.protocol.control.ProtocolException e) {
                throw new AdminFailure(e.getMessage());
            }
            out().printf("Invite %d: %d use%s, %s, %s%n", invite.id(), invite.maxUses(), invite.maxUses() == 1 ? "" : "s",
                    invite.role().wire(), invite.expiresAt() == null ? "never expires"
                            : "expires " + day(Instant.ofEpochMilli(invite.expiresAt())) + " UTC");
            out().println(inviteLink(room, invite).toUri());
            return 0;
        });
    }

    @Command(name = "invites", description = "Lists the invite codes not revoked, with their links.")
    int invites() {
        return withRoom(room -> {
            long now = System.currentTimeMillis();
            for (InviteInfo invite : await(room.client.request(new Invites.ListInvites(), Invites.Page.class)).invites()) {
                out().printf("%6d  %-10s  %4d/%-4d  %-8s  by %-20s  %s%n", invite.id(), invite.role().wire(), invite.uses(),
                        invite.maxUses(), invite.usableAt(now) ? "usable" : "spent", invite.createdBy().name(),
                        inviteLink(room, invite).toUri());
            }
            return 0;
        });
    }

    @Command(name = "invite-revoke", description = "Revokes an invite code: it lets nobody in from now on.")
    int inviteRevoke(@Parameters(paramLabel = "ID", description = "The invite's id (see: invites).") long id) {
        return withRoom(room -> {
            room.ok(new Invites.Revoke(id));
            out().printf("Revoked invite %d.%n", id);
            return 0;
        });
    }

    private JoinLink inviteLink(Room room, InviteInfo invite) {
        Address address = Address.parse(connect);
        return JoinLink.invite(address.host(), address.port(), room.client.serverFingerprint().orElse(null), invite.code());
    }

    @Command(name = "fingerprint", description = "Prints the fingerprint of the certificate the room showed.")
    int fingerprint() {
        return withRoom(room -> {
            out().println(room.client.serverFingerprint().map(Fingerprint::toString).orElse("none (plain connection)"));
            return 0;
        });
    }

    private void printTree(ChannelInfo channel, Map<Long, List<ChannelInfo>> children, int depth) {
        out().printf("%s%s (id %d)%s%n", "  ".repeat(depth), channel.name(), channel.id(), channel.passwordProtected() ? " [password]" : "");
        children.getOrDefault(channel.id(), List.of()).forEach(child -> printTree(child, children, depth + 1));
    }

    /** Connects, signs in, runs {@code work}, disconnects. */
    private int withRoom(RoomWork work) {
        Address address = Address.parse(connect);
        Fingerprint expected = fingerprint == null ? null : parseFingerprint(fingerprint);
        String password = readPassword();
        // A fingerprint given is the only one trusted, whatever an earlier visit pinned (and it pins nothing).
        KnownServers known = expected != null ? KnownServers.inMemory()
                : knownServers == null ? KnownServers.userDefault() : KnownServers.at(knownServers);
        java.net.URI uri = plain ? ControlClient.plainAddress(address.host(), address.port())
                : ControlClient.address(address.host(), address.port());
        try (ControlClient client = new ControlClient(uri, ClientConfig.defaults().withClientName("parley-admin/0.1"),
                new ServerTrust(known, decision(expected)))) {
            Session.AuthOk auth = await(client.connect(new Credentials.Login(user, password)));
            // Belt and braces: the TLS pin already refused any other certificate before the password went out.
            if (expected != null && client.serverFingerprint().map(shown -> !expected.matches(shown)).orElse(true)) {
                throw new AdminFailure("The room at " + connect + " shows certificate "
                        + client.serverFingerprint().map(Fingerprint::toString).orElse("none") + ", not " + expected + ".");
            }
            return work.run(new Room(client, auth));
        }
    }

    private FingerprintDecision decision(Fingerprint expected) {
        if (expected != null) {
            return FingerprintDecision.trustOnly(expected);
        }
        if (trustOnFirstUse) {
            return FingerprintDecision.trustOnFirstUse();
        }
        if (console == null) {
            return FingerprintDecision.refuseUnknown();
        }
        // Asked off the client's event thread, which must not block.
        return contact -> CompletableFuture.supplyAsync(() -> {
            String answer = console.readLine("First visit to %s. Its certificate fingerprint is%n  %s%n"
                    + "Does the room's host see this same fingerprint? Trust it [y/N]? ", contact.server(), contact.fingerprint());
            return answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y");
        });
    }

    private String readPassword() {
        try {
            String line;
            if (passwordFile != null) {
                line = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse(null);
            } else if (console != null) {
                char[] typed = console.readPassword("Password for %s: ", user);
                line = typed == null ? null : new String(typed);
            } else {
                line = stdin.readLine();
            }
            if (line == null || line.isEmpty()) {
                throw new AdminFailure("No password given: its first line is the password.");
            }
            return line;
        } catch (IOException e) {
            throw new AdminFailure("Cannot read the password: " + e.getMessage());
        }
    }

    private static Fingerprint parseFingerprint(String text) {
        try {
            return Fingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new AdminFailure("--fingerprint: " + e.getMessage());
        }
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String day(Instant instant) {
        return instant.toString().substring(0, 16).replace('T', ' ');
    }

    /** Waits for a reply; a refusal becomes a sentence for the person at the terminal. */
    static <T> T await(Future<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RequestFailed failed && failed.code() == ErrorCode.FORBIDDEN) {
                throw new AdminFailure("not allowed: " + failed.getMessage());
            }
            throw new AdminFailure(cause.getMessage() == null ? cause.toString() : cause.getMessage());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AdminFailure("The room did not answer in " + TIMEOUT_SECONDS + " s.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminFailure("interrupted");
        }
    }

    @FunctionalInterface
    private interface RoomWork {
        int run(Room room);
    }

    /** A signed-in connection and the lists the commands read through it. */
    private record Room(ControlClient client, Session.AuthOk auth) {

        void ok(dev.parley.protocol.control.message.Request request) {
            await(client.requestOk(request));
        }

        List<UserState> members() {
            List<UserState> all = new ArrayList<>();
            String after = null;
            while (true) {
                Directory.MemberPage page = await(client.request(new Directory.ListMembers(after, null), Directory.MemberPage.class));
                all.addAll(page.members());
                if (!page.hasMore() || page.members().isEmpty()) {
                    return all;
                }
                after = page.members().get(page.members().size() - 1).user().name();
            }
        }

        UserState account(String nameOrId) {
            boolean id = !nameOrId.isEmpty() && nameOrId.chars().allMatch(Character::isDigit);
            Optional<UserState> found = members().stream()
                    .filter(m -> id ? Long.toString(m.id()).equals(nameOrId) : m.user().name().equalsIgnoreCase(nameOrId))
                    .findFirst();
            return found.orElseThrow(() -> new AdminFailure("There is no account '" + nameOrId + "' (see: users)."));
        }

        List<ChannelInfo> channels() {
            List<ChannelInfo> all = new ArrayList<>();
            Long after = null;
            while (true) {
                Directory.ChannelPage page = await(client.request(new Directory.ListChannels(after, null), Directory.ChannelPage.class));
                all.addAll(page.channels());
                if (!page.hasMore() || page.channels().isEmpty()) {
                    return all;
                }
                after = page.channels().get(page.channels().size() - 1).id();
            }
        }

        List<BanInfo> bans() {
            List<BanInfo> all = new ArrayList<>();
            Long before = null;
            while (true) {
                Moderation.BanPage page = await(client.request(new Moderation.BanList(before, null), Moderation.BanPage.class));
                all.addAll(page.bans());
                if (!page.hasMore() || page.bans().isEmpty()) {
                    return all;
                }
                before = page.bans().get(page.bans().size() - 1).id();
            }
        }

        List<AuditEntry> audit(int limit) {
            List<AuditEntry> all = new ArrayList<>();
            Long before = null;
            while (all.size() < limit) {
                Moderation.AuditPage page = await(client.request(new Moderation.AuditList(before, null), Moderation.AuditPage.class));
                all.addAll(page.entries());
                if (!page.hasMore() || page.entries().isEmpty()) {
                    break;
                }
                before = page.entries().get(page.entries().size() - 1).id();
            }
            return all.size() > limit ? all.subList(0, limit) : all;
        }
    }

    /** {@code HOST:PORT}, {@code [v6]:PORT} or a bare host (port 7720). */
    record Address(String host, int port) {
        static Address parse(String text) {
            String value = text.strip();
            int colon = value.lastIndexOf(':');
            boolean bracketed = value.startsWith("[");
            if (colon < 0 || (bracketed && colon < value.indexOf(']')) || (!bracketed && value.indexOf(':') != colon)) {
                return new Address(bracketed ? value.substring(1, value.length() - 1) : value, 7720);
            }
            String host = value.substring(0, colon);
            host = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            try {
                int port = Integer.parseInt(value.substring(colon + 1));
                if (port < 1 || port > 65535 || host.isEmpty()) {
                    throw new NumberFormatException();
                }
                return new Address(host, port);
            } catch (NumberFormatException e) {
                throw new AdminFailure("--connect: '" + text + "' is not HOST:PORT.");
            }
        }
    }

    /** A failure said to the user in one line. */
    static final class AdminFailure extends RuntimeException {
        AdminFailure(String message) {
            super(message);
        }
    }

    /** The command line, with errors said in one line and a non-zero exit. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OnlineAdmin());
        commandLine.setExecutionExceptionHandler((error, cmd, parsed) -> {
            cmd.getErr().println("parley admin: " + error.getMessage());
            cmd.getErr().flush();
            return 1;
        });
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
