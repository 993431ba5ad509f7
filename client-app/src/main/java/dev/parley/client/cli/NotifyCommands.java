package dev.parley.client.cli;

import static dev.parley.client.cli.RoomWait.await;

import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Directory;
import dev.parley.protocol.control.message.Notify;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.control.model.NotifyLevel;
import dev.parley.protocol.control.model.UserState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headless client's notification settings: {@code --notify TARGET=LEVEL}, {@code --mute
 * TARGET=DURATION} and {@code --notify-settings}. A target is {@code #channel} (name or id),
 * {@code @user} (the direct messages with that account) or {@code room} (the default for channels).
 * Runs on the CLI's main thread, once per run.
 */
final class NotifyCommands {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,5})\\s*(m|min|h|d)");

    private final ControlClient client;
    private final PrintWriter out;
    private final LongSupplier clock;
    private Map<Long, String> channelNames;
    private Map<Long, String> memberNames;

    NotifyCommands(ControlClient client, PrintWriter out, LongSupplier clock) {
        this.client = client;
        this.out = out;
        this.clock = clock;
    }

    /** {@code TARGET=LEVEL}: level {@code all}, {@code mentions}, {@code nothing} or {@code default}; a mute stays. */
    void level(String assignment) throws ExecutionException {
        String[] parts = split(assignment, "--notify", "all, mentions, nothing or default");
        NotifyLevel level = parts[1].equalsIgnoreCase("default") ? null : parseLevel(parts[1]);
        Notify.Entry target = target(parts[0]);
        Notify.Entry now = current(target);
        Notify.Entry saved = save(new Notify.Entry(target.channelId(), target.userId(), level, now.mutedUntil()));
        out.println("Notifications for " + describe(target) + ": " + describeLevel(saved) + ".");
    }

    /** {@code TARGET=DURATION}: {@code 15m}, {@code 1h}, {@code 8h}, {@code 24h}, {@code 2d}…, {@code forever} or {@code off}. */
    void mute(String assignment) throws ExecutionException {
        String[] parts = split(assignment, "--mute", "15m, 1h, 8h, 24h, forever or off");
        Long until = until(parts[1]);
        Notify.Entry target = target(parts[0]);
        Notify.Entry now = current(target);
        save(new Notify.Entry(target.channelId(), target.userId(), now.level(), until));
        out.println(until == null ? describe(target) + " is not muted."
                : describe(target) + " is muted " + describeMute(until) + ".");
    }

    /** One line per setting: what, level, mute. */
    void list() throws ExecutionException {
        List<Notify.Entry> all = await(client.request(new Notify.ListSettings(), Notify.Settings.class)).settings();
        if (all.isEmpty()) {
            out.println("No notification settings: direct messages notify, channels only when you are @mentioned.");
        }
        for (Notify.Entry entry : all) {
            String mute = entry.mutedUntil() == null || entry.mutedUntil() <= clock.getAsLong() ? ""
                    : "muted " + describeMute(entry.mutedUntil());
            out.printf(Locale.ROOT, "%-32s  %-9s  %s%n", describe(entry), entry.level() == null ? "default" : entry.level().wire(),
                    mute);
        }
        out.flush();
    }

    private Notify.Entry save(Notify.Entry entry) throws ExecutionException {
        List<Notify.Entry> after = await(client.request(new Notify.Set(entry.channelId(), entry.userId(), entry.level(),
                entry.mutedUntil()), Notify.Settings.class)).settings();
        return after.stream().filter(e -> sameTarget(e, entry)).findFirst()
                .orElse(new Notify.Entry(entry.channelId(), entry.userId(), null, null));
    }

    private Notify.Entry current(Notify.Entry target) throws ExecutionException {
        return await(client.request(new Notify.ListSettings(), Notify.Settings.class)).settings().stream()
                .filter(entry -> sameTarget(entry, target)).findFirst().orElse(target);
    }

    private static boolean sameTarget(Notify.Entry a, Notify.Entry b) {
        return java.util.Objects.equals(a.channelId(), b.channelId()) && java.util.Objects.equals(a.userId(), b.userId());
    }

    private static String[] split(String assignment, String option, String values) {
        int eq = assignment.lastIndexOf('=');
        if (eq <= 0 || eq == assignment.length() - 1) {
            throw new IllegalArgumentException(option + " wants TARGET=VALUE (#channel, @user or room; " + values
                    + "), not '" + assignment + "'");
        }
        return new String[] {assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim()};
    }

    private static NotifyLevel parseLevel(String wire) {
        try {
            return NotifyLevel.fromWire(wire.toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--notify: unknown level '" + wire + "' (all, mentions, nothing or default)");
        }
    }

    private Long until(String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (value.equals("off") || value.equals("0")) {
            return null;
        }
        if (value.equals("forever")) {
            return Notify.FOREVER;
        }
        Matcher matcher = DURATION.matcher(value);
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw new IllegalArgumentException("--mute: '" + text + "' is not a duration (15m, 1h, 8h, 24h, 2d, forever or off)");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration duration = switch (matcher.group(2)) {
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofMinutes(amount);
        };
        return Math.min(Notify.FOREVER - 1, clock.getAsLong() + duration.toMillis());
    }

    /** The entry (no level, no mute) that names {@code target}. */
    private Notify.Entry target(String target) throws ExecutionException {
        if (target.equalsIgnoreCase("room")) {
            return new Notify.Entry(null, null, null, null);
        }
        if (target.startsWith("#") && target.length() > 1) {
            String name = target.substring(1);
            return channels().entrySet().stream()
                    .filter(c -> c.getValue().equalsIgnoreCase(name) || String.valueOf(c.getKey()).equals(name))
                    .findFirst().map(c -> new Notify.Entry(c.getKey(), null, null, null))
                    .orElseThrow(() -> new IllegalArgumentException("There is no channel '" + name + "' you may read."));
        }
        if (target.startsWith("@") && target.length() > 1) {
            String name = target.substring(1);
            return members().entrySet().stream()
                    .filter(m -> m.getValue().equalsIgnoreCase(name) || String.valueOf(m.getKey()).equals(name))
                    .findFirst().map(m -> new Notify.Entry(null, m.getKey(), null, null))
                    .orElseThrow(() -> new IllegalArgumentException("There is no account '" + name + "' in this room."));
        }
        throw new IllegalArgumentException("'" + target + "' is not a target: write #channel, @user or room");
    }

    private String describe(Notify.Entry entry) throws ExecutionException {
        if (entry.channelId() != null) {
            return "#" + channels().getOrDefault(entry.channelId(), String.valueOf(entry.channelId()));
        }
        if (entry.userId() != null) {
            return "@" + members().getOrDefault(entry.userId(), String.valueOf(entry.userId()));
        }
        return "the room (channels' default)";
    }

    private static String describeLevel(Notify.Entry entry) {
        if (entry.level() == null) {
            return entry.channelId() == null && entry.userId() != null ? "default (all messages)" : "default";
        }
        return switch (entry.level()) {
            case ALL -> "all messages";
            case MENTIONS -> "only @mentions";
            case NOTHING -> "nothing";
        };
    }

    private static String describeMute(long until) {
        return until >= Notify.FOREVER ? "until you unmute"
                : "until " + Instant.ofEpochMilli(until).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Channel names by id, every page. */
    private Map<Long, String> channels() throws ExecutionException {
        if (channelNames == null) {
            Map<Long, String> names = new HashMap<>();
            Long after = null;
            while (true) {
                Directory.ChannelPage page = await(client.request(new Directory.ListChannels(after, null),
                        Directory.ChannelPage.class));
                page.channels().forEach(c -> names.put(c.id(), c.name()));
                if (!page.hasMore() || page.channels().isEmpty()) {
                    break;
                }
                after = page.channels().get(page.channels().size() - 1).id();
            }
            channelNames = names;
        }
        return channelNames;
    }

    /** Member names by id, every page. */
    private Map<Long, String> members() throws ExecutionException {
        if (memberNames == null) {
            Map<Long, String> names = new HashMap<>();
            String after = null;
            while (true) {
                Directory.MemberPage page = await(client.request(new Directory.ListMembers(after, null),
                        Directory.MemberPage.class));
                for (UserState member : page.members()) {
                    names.put(member.user().id(), member.user().name());
                }
                if (!page.hasMore() || page.members().isEmpty()) {
                    break;
                }
                after = page.members().get(page.members().size() - 1).user().name();
            }
            memberNames = names;
        }
        return memberNames;
    }
}
