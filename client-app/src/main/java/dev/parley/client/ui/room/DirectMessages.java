package dev.parley.client.ui.room;

import dev.parley.protocol.control.model.Role;
import java.util.Optional;

/**
 * Who can exchange direct messages. The room stores DMs for accounts only: a guest's id lives for one
 * server run, so a conversation with a guest could not be found again (PROTOCOL: guests get
 * {@code forbidden}). Saying so up front beats a refused request.
 */
public final class DirectMessages {
    private DirectMessages() {
    }

    /** Why I cannot message {@code peer}, in words for a menu; empty when I can. */
    public static Optional<String> whyNot(Role self, Role peer) {
        if (self == Role.GUEST) {
            return Optional.of("create an account to use direct messages");
        }
        if (peer == Role.GUEST) {
            return Optional.of("guests can't receive direct messages");
        }
        return Optional.empty();
    }

    /** The same as a full sentence for the notice line. */
    public static String sentence(Role self, Role peer, String peerName) {
        return self == Role.GUEST
                ? "Direct messages need an account: you joined as a guest. Leave and sign in with \"Create account\" to use them."
                : peerName + " joined as a guest, and guests can't receive direct messages. Write in a channel instead, or ask "
                        + peerName + " to create an account.";
    }
}
