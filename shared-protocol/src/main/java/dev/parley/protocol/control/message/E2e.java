package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;
import dev.parley.protocol.control.KeyFields;
import dev.parley.protocol.control.Limits;
import java.util.List;

/**
 * Identity keys and key copies of shared-key encrypted channels. Each account publishes the public half
 * of an X25519 identity key its client keeps; a member who makes a channel key seals one copy to each
 * member's identity key ({@link Channels.Rekey}) and the server keeps the copies, which it cannot open,
 * for their owners. Members compare a safety number made of both identity keys to know no one (the host
 * included) slipped in a key of their own.
 */
public final class E2e {
    private E2e() {
    }

    /** Publishes the caller's identity key (replacing an older one). Accounts only. */
    public record PublishIdentity(String publicKey) implements Request {
        public PublishIdentity {
            KeyFields.publicKey(publicKey, "publicKey");
        }
    }

    /** Asks for the identity keys of these accounts. */
    public record Identities(List<Long> userIds) implements Request {
        public Identities {
            Check.required(userIds, "userIds");
            if (userIds.isEmpty() || userIds.size() > Limits.MAX_E2E_MEMBERS) {
                throw Check.invalid("userIds", "must name 1 to " + Limits.MAX_E2E_MEMBERS + " users");
            }
            userIds.forEach(id -> Check.positive(id, "userIds"));
            userIds = List.copyOf(userIds);
        }
    }

    /** One account's identity key; {@code publicKey} absent when it never published one. */
    public record Identity(long userId, String publicKey) {
    }

    /** Reply to {@link Identities}: one entry per id asked for that is an account, in the order asked. */
    public record IdentitiesInfo(List<Identity> identities) implements Reply {
        public IdentitiesInfo {
            identities = identities == null ? List.of() : List.copyOf(identities);
        }
    }

    /**
     * Asks for the caller's copies of a shared-key channel's keys, newest epoch first, below
     * {@code beforeEpoch} when given (the next page).
     */
    public record Keys(Long channelId, Integer beforeEpoch) implements Request {
        public Keys {
            Check.positive(channelId, "channelId");
            if (beforeEpoch != null) {
                Check.range(beforeEpoch, "beforeEpoch", 1, Integer.MAX_VALUE);
            }
        }
    }

    /** The caller's copy of one epoch's key, sealed by {@code senderId} with identity key {@code senderKey}. */
    public record StoredShare(int epoch, long senderId, String senderKey, String recipientKey, String wrapped) {
    }

    /** Reply to {@link Keys}: at most {@value Limits#MAX_E2E_KEYS_PAGE}; {@code more} when older ones remain. */
    public record KeysInfo(long channelId, List<StoredShare> keys, boolean more) implements Reply {
        public KeysInfo {
            keys = keys == null ? List.of() : List.copyOf(keys);
        }
    }
}
