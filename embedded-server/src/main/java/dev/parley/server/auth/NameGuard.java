package dev.parley.server.auth;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps people from passing for someone else by name. Two names clash when their UTS #39 skeletons
 * (ICU4J's {@link SpoofChecker}) are equal after case folding and with everything but letters, marks
 * and digits removed: "ΑDMIN", "аdmin" (Cyrillic а), "Admin!" and "ad-min" all clash with "admin",
 * "rnike" with "mike". A guest may not take a name that clashes with a registered account, an online
 * user or a {@linkplain #RESERVED reserved} name, nor one that mixes scripts the way spoofs do (Latin
 * with Cyrillic); a new account may not clash with another account or an online user. Pure: no I/O.
 * Owned by the room thread.
 */
public final class NameGuard {
    /** Names that would pass for the room's staff or software. */
    public static final List<String> RESERVED = List.of("admin", "administrator", "moderator", "mod", "server",
            "system", "parley", "root", "host", "owner", "operator", "sysop", "staff", "support", "official",
            "everyone", "here", "guest", "room");

    /** Why a name was refused, as a sentence for the user. */
    public record Clash(String message) {
    }

    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final int MAX_REMEMBERED_SKELETONS = 50_000;

    private final SpoofChecker skeletons = new SpoofChecker.Builder().build();
    private final SpoofChecker scripts = new SpoofChecker.Builder()
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.MODERATELY_RESTRICTIVE)
            .build();
    private final Set<String> reserved;
    /** Skeleton of every registered account, mapped to one of the names that has it. */
    private final Map<String, String> accounts = new HashMap<>();
    private final Map<String, String> onlineSkeletons = new HashMap<>();

    public NameGuard(Collection<String> accountNames) {
        reserved = RESERVED.stream().map(this::skeleton).collect(Collectors.toUnmodifiableSet());
        accountNames.forEach(this::accountAdded);
    }

    /** A new account exists (registration committed). */
    public void accountAdded(String username) {
        accounts.putIfAbsent(skeleton(username), username);
    }

    /** The account was deleted: its name, and names like it, are free again. */
    public void accountRemoved(String username) {
        accounts.remove(skeleton(username), username);
    }

    /**
     * Whether a guest may appear as {@code nickname}.
     *
     * @param onlineNames names of the users online now, the guest's own earlier session excluded
     */
    public Optional<Clash> checkGuest(String nickname, Collection<String> onlineNames) {
        String key = skeleton(nickname);
        if (key.isEmpty()) {
            return Optional.of(new Clash("A nickname needs letters or digits."));
        }
        if (reserved.contains(key)) {
            return Optional.of(new Clash("That name is reserved; please choose another."));
        }
        if (scripts.failsChecks(nickname)) {
            return Optional.of(new Clash("That name mixes scripts or characters the way look-alike names do; "
                    + "please choose another."));
        }
        return clashWith(key, onlineNames);
    }

    /** Whether a new account may be called {@code username} (already limited to A–Z, 0–9, _ . -). */
    public Optional<Clash> checkNewAccount(String username, Collection<String> onlineNames) {
        return clashWith(skeleton(username), onlineNames);
    }

    private Optional<Clash> clashWith(String key, Collection<String> onlineNames) {
        String account = accounts.get(key);
        if (account != null) {
            return Optional.of(new Clash("That name is taken, or looks too much like the account '" + account + "'."));
        }
        for (String online : onlineNames) {
            if (key.equals(onlineSkeleton(online))) {
                return Optional.of(new Clash("That name looks too much like '" + online + "', who is here now."));
            }
        }
        return Optional.empty();
    }

    /**
     * Online users' skeletons are needed at every sign-in; computing them is the costly part (ICU),
     * so they are remembered. Bounded: cleared when it grows past the limit, then refilled.
     */
    private String onlineSkeleton(String name) {
        if (onlineSkeletons.size() >= MAX_REMEMBERED_SKELETONS) {
            onlineSkeletons.clear();
        }
        return onlineSkeletons.computeIfAbsent(name, this::skeleton);
    }

    /** The form two names share when people could mistake one for the other. */
    String skeleton(String name) {
        String folded = FOLD.normalize(name);
        StringBuilder kept = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                        || Character.getType(c) == Character.COMBINING_SPACING_MARK)
                .forEach(kept::appendCodePoint);
        // Folding again: a skeleton may map to a capital prototype (e.g. 'I' stands for '1', 'l', '|').
        return FOLD.normalize(skeletons.getSkeleton(kept));
    }
}
