package dev.parley.client.core.net;

import dev.parley.protocol.tls.Fingerprint;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asked once when a room shows a certificate this user has never trusted: should it be? The UI
 * shows the fingerprint and asks the user to compare it with what the host sees; a headless client
 * answers from its flags. Called on the client event thread; must not block there: return a stage
 * and complete it later from any thread (a failed or cancelled stage means no). A yes is remembered
 * in {@link KnownServers}; a no ends the connection attempt and is not remembered.
 */
@FunctionalInterface
public interface FingerprintDecision {

    CompletionStage<Boolean> trust(FirstContact contact);

    /**
     * A room seen for the first time.
     *
     * @param server {@code host:port} as the user typed it
     */
    record FirstContact(String server, Fingerprint fingerprint) {
        public FirstContact {
            Objects.requireNonNull(server, "server");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }
    }

    /** Trusts whatever certificate a new room shows (the CLI's {@code --trust-on-first-use}). */
    static FingerprintDecision trustOnFirstUse() {
        return contact -> CompletableFuture.completedFuture(true);
    }

    /** Trusts a new room only if it shows exactly this fingerprint (the CLI's {@code --trust FINGERPRINT}). */
    static FingerprintDecision trustOnly(Fingerprint expected) {
        Objects.requireNonNull(expected, "expected");
        return contact -> CompletableFuture.completedFuture(expected.matches(contact.fingerprint()));
    }

    /**
     * For a room chosen from the LAN list: trusted without a question when it shows the certificate it
     * announced; anything else (a stale or forged announcement) goes to {@code otherwise} as if the
     * address had been typed.
     */
    static FingerprintDecision announcedOnLan(Fingerprint announced, FingerprintDecision otherwise) {
        Objects.requireNonNull(announced, "announced");
        Objects.requireNonNull(otherwise, "otherwise");
        return contact -> announced.matches(contact.fingerprint())
                ? CompletableFuture.completedFuture(true) : otherwise.trust(contact);
    }

    /** Trusts no new room: only those already in {@link KnownServers}. */
    static FingerprintDecision refuseUnknown() {
        return contact -> CompletableFuture.completedFuture(false);
    }
}
