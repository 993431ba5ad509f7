package dev.parley.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The one-time code that makes the first admin of a room that has none. Admin used to go to whoever
 * registered first (or registered the {@code --admin} name first): a stranger on the LAN could win
 * that race as soon as the room was announced. Now the code is printed by the headless server and
 * held by the hosting app; whoever presents it first (signed in with an account) becomes admin, and
 * the code is spent. Room thread only.
 */
public final class AdminClaim {
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private String code;

    private AdminClaim(String code) {
        this.code = code;
    }

    /** A fresh code: 20 characters of a 32-letter alphabet (100 bits), grouped for reading aloud. */
    public static AdminClaim fresh(SecureRandom random) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return new AdminClaim(code.toString());
    }

    /** For a room that already has an admin: nothing to claim. */
    public static AdminClaim spent() {
        return new AdminClaim(null);
    }

    /** The code while it is unspent. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** Whether {@code given} is the unspent code (compared in constant time); spends it if so. */
    public boolean redeem(String given) {
        if (code == null || given == null) {
            return false;
        }
        boolean matches = MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8),
                given.strip().toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        if (matches) {
            code = null;
        }
        return matches;
    }

    /** Gives the code back if making the admin failed after it was redeemed (e.g. the database refused). */
    public void restore(String spentCode) {
        if (code == null) {
            code = spentCode;
        }
    }
}
