package dev.parley.server.auth;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import java.nio.charset.StandardCharsets;

/**
 * Argon2id with OWASP's parameters (t=2, m=19 MiB, p=1), about 20 ms per hash here. Thread-safe;
 * slow on purpose, so never call it on the room thread.
 */
public final class PasswordHasher {
    private static final int ITERATIONS = 2;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int PARALLELISM = 1;

    private final Argon2 argon2 = Argon2Factory.create(Argon2Factory.Argon2Types.ARGON2id);

    public String hash(String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, chars, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(chars);
        }
    }

    /**
     * Verifies against a hash of a random password nobody knows, so that signing in as someone who
     * does not exist takes as long as signing in with a wrong password (the time would otherwise
     * reveal which names have accounts). Always false.
     */
    public boolean verifyUnknownAccount(String password) {
        verify(DummyHash.VALUE, password);
        return false;
    }

    /** Made on first use, off the room thread (hashing takes ~20 ms). */
    private static final class DummyHash {
        static final String VALUE = new PasswordHasher().hash(java.util.UUID.randomUUID().toString());
    }

    public boolean verify(String encodedHash, String password) {
        char[] chars = password.toCharArray();
        try {
            return argon2.verify(encodedHash, chars, StandardCharsets.UTF_8);
        } finally {
            argon2.wipeArray(chars);
        }
    }
}
