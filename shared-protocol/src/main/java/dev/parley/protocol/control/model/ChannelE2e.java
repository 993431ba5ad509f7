package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * How an end-to-end encrypted channel's members derive its key: from the passphrase they share, the
 * channel's id and this public salt, for this epoch. The server keeps only these public values, never
 * a key. A new epoch (a new salt) means a new passphrase.
 *
 * @param epoch 1 for the first key, +1 at every change of key
 * @param salt  16 random bytes, standard Base64
 */
public record ChannelE2e(int epoch, String salt) {
    public ChannelE2e {
        if (epoch < 1) {
            throw Check.invalid("e2e.epoch", "must be positive");
        }
        Check.required(salt, "e2e.salt");
    }
}
