package dev.parley.client.ui.e2e;

import dev.parley.client.core.e2e.Verification;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The members of a shared-key channel as its dialog and its marks show them, and who a change of members
 * gives the next key to. Pure functions over values; thread-safe.
 */
public final class SharedMembers {
    /** Said wherever a member of a shared-key channel lacks its current key (instead of asking for a passphrase). */
    public static final String NOT_GIVEN = "You were not given this channel's key; ask a member to add you.";

    private SharedMembers() {
    }

    /**
     * One member of the current epoch.
     *
     * @param key          the identity key the room hands out for them now (null: none published)
     * @param safetyNumber what the two of us compare; null for me and for someone without a key
     */
    public record Member(long userId, String name, boolean self, Verification state, String key, String safetyNumber) {
        public String stateText() {
            return self ? "you" : SharedMembers.stateText(state);
        }
    }

    public static String stateText(Verification state) {
        return switch (state) {
            case VERIFIED -> "✓ verified";
            case UNVERIFIED -> "unverified";
            case CHANGED -> "⚠ key changed";
            case NO_KEY -> "no key";
        };
    }

    /**
     * Members in the order the dialog lists them: anyone whose key changed first (the one thing to act on), then
     * the others by name, me last.
     */
    public static List<Member> ordered(Collection<Member> members) {
        return members.stream().sorted(Comparator.comparing((Member m) -> m.self())
                .thenComparing(m -> m.state() != Verification.CHANGED)
                .thenComparing(m -> m.name().toLowerCase(Locale.ROOT))).toList();
    }

    /** "3 members · 1 unverified · 1 key changed": what the lock of a shared-key channel says about its members. */
    public static String summary(Collection<Member> members) {
        StringBuilder text = new StringBuilder(members.size() + (members.size() == 1 ? " member" : " members"));
        appendCount(text, members, Verification.CHANGED, "key changed", "keys changed");
        appendCount(text, members, Verification.UNVERIFIED, "unverified", "unverified");
        appendCount(text, members, Verification.NO_KEY, "without a key", "without a key");
        return text.toString();
    }

    private static void appendCount(StringBuilder text, Collection<Member> members, Verification state, String one,
                                    String many) {
        long count = members.stream().filter(m -> !m.self() && m.state() == state).count();
        if (count > 0) {
            text.append(" · ").append(count).append(' ').append(count == 1 ? one : many);
        }
    }

    /** Whom the next key goes to (besides me) when {@code added} join the {@code current} members. */
    public static List<Long> adding(Collection<Long> current, Collection<Long> added, long selfId) {
        Set<Long> next = new LinkedHashSet<>(current);
        next.addAll(added);
        next.remove(selfId);
        return List.copyOf(next);
    }

    /** Whom the next key goes to (besides me) when {@code removed} leaves the {@code current} members. */
    public static List<Long> removing(Collection<Long> current, long removed, long selfId) {
        Set<Long> next = new LinkedHashSet<>(current);
        next.remove(removed);
        next.remove(selfId);
        return List.copyOf(next);
    }

    /** Why a key could not be given to {@code userIds}, naming them. */
    public static String withoutKey(List<Long> userIds, LongFunction<String> names) {
        String who = String.join(", ", userIds.stream().map(names::apply).toList());
        return who + (userIds.size() == 1 ? " has" : " have") + " no identity key yet, so the channel's key cannot be"
                + " given to them: they must sign in once with the Parley app"
                + " first. Nothing was changed.";
    }
}
