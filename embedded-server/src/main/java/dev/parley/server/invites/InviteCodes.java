package dev.parley.server.invites;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Fresh invite codes: 128 random bits as 22 characters of base64url, so a code cannot be guessed
 * (registration is rate-limited on top). Thread-safe.
 */
public final class InviteCodes {
    private final SecureRandom random;

    public InviteCodes(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
