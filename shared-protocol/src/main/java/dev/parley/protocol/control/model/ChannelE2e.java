package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;
import java.util.List;

/**
 * The public values of an end-to-end encrypted channel's key: which epoch the members are on, the
 * epoch's random salt, how members come by the key, and (with {@link E2eMode#SHARED}) which accounts were
 * given this epoch's key. The server keeps only these, never a key. A new epoch means a new key.
 *
 * @param epoch   1 for the first key, +1 at every change of key
 * @param salt    16 random bytes, standard Base64
 * @param mode    how the key is had; absent means {@code passphrase}
 * @param members with {@code shared}: the account ids holding this epoch's key; empty with {@code passphrase}
 */
public record ChannelE2e(int epoch, String salt, E2eMode mode, List<Long> members) {
    public ChannelE2e {
        if (epoch < 1) {
            throw Check.invalid("e2e.epoch", "must be positive");
        }
        Check.required(salt, "e2e.salt");
        mode = mode == null ? E2eMode.PASSPHRASE : mode;
        members = members == null ? List.of() : List.copyOf(members);
    }

    /** A passphrase-mode epoch. */
    public ChannelE2e(int epoch, String salt) {
        this(epoch, salt, E2eMode.PASSPHRASE, List.of());
    }

    public boolean shared() {
        return mode == E2eMode.SHARED;
    }

    public boolean hasMember(long userId) {
        return members.contains(userId);
    }
}
