package dev.parley.server.auth;

import dev.parley.protocol.control.model.Role;
import java.time.Instant;
import java.util.Objects;

/** A stored account. {@code lastSeenAt} is null until the first {@code touchLastSeen}. */
public record Account(long id, String username, String passwordHash, Role role, Instant createdAt,
                      Instant lastSeenAt) {

    public Account {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Leaves the password hash out so an account can be logged safely. */
    @Override
    public String toString() {
        return "Account[id=" + id + ", username=" + username + ", role=" + role + ", createdAt=" + createdAt
                + ", lastSeenAt=" + lastSeenAt + "]";
    }
}
