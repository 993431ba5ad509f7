package dev.parley.protocol.control.message;

import dev.parley.protocol.control.Check;

/** Room administration that is not about one channel or user. */
public final class Admin {
    private Admin() {
    }

    /**
     * Claims the room's first admin with the one-time code the server printed at start (or that the
     * hosting app holds). Answered by {@code ok}; everyone then sees the claimer's new role.
     */
    public record Claim(String code) implements Request {
        public Claim {
            Check.line(code, "code", 1, 64);
        }
    }
}
