package dev.parley.client.core.e2e;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The identity keys this user checked, by comparing safety numbers, for the people of one room. Kept on
 * this desktop only: the room must not be the one to say whom to trust. Thread-safe.
 */
public final class VerifiedPeers {
    private final Path file;

    VerifiedPeers(Path file) {
        this.file = file;
    }

    /** Where {@code userId} stands, given the identity key the room hands out for them now (null: none). */
    public synchronized Verification state(long userId, String currentKey) {
        if (currentKey == null) {
            return Verification.NO_KEY;
        }
        String verified = load().getProperty(String.valueOf(userId));
        if (verified == null) {
            return Verification.UNVERIFIED;
        }
        return verified.equals(currentKey) ? Verification.VERIFIED : Verification.CHANGED;
    }

    /** Records that the user compared the safety number made with {@code key} and it matched. */
    public synchronized void markVerified(long userId, String key) {
        Properties properties = load();
        properties.setProperty(String.valueOf(userId), key);
        save(properties);
    }

    public synchronized void forget(long userId) {
        Properties properties = load();
        properties.remove(String.valueOf(userId));
        save(properties);
    }

    private Properties load() {
        try {
            return IdentityStore.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the verified keys in " + file, e);
        }
    }

    private void save(Properties properties) {
        try {
            StringWriter text = new StringWriter();
            properties.store(text, "Identity keys this user verified (user id = key)");
            IdentityStore.writeOwnerOnly(file, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not save the verified keys in " + file, e);
        }
    }
}
