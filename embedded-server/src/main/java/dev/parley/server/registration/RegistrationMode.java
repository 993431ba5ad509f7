package dev.parley.server.registration;

import java.util.Arrays;
import java.util.Locale;

/** Who may create an account in this room ({@code --registration}). */
public enum RegistrationMode {
    /** Anyone may register (still rate-limited per address and per room). */
    OPEN,
    /** Anyone may ask; the account waits, unable to sign in, until an admin approves it. */
    APPROVAL,
    /** Nobody registers; only the room's first admin account may still be created. */
    CLOSED,
    /** Only who holds an invite code ({@code invite.create}) registers. */
    INVITE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices, for the command line */
    public static RegistrationMode parse(String value) {
        return Arrays.stream(values()).filter(mode -> mode.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "--registration must be open, approval, closed or invite, not '" + value + "'"));
    }
}
