package dev.parley.server.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored channel. {@code parentId} null means a root channel; siblings sort by {@code position},
 * then by id. {@code passwordHash} is null when the channel has no password.
 */
public record Channel(long id, Long parentId, String name, String description, int position,
                      String passwordHash, Instant createdAt) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** Leaves the password hash out so a channel can be logged safely. */
    @Override
    public String toString() {
        return "Channel[id=" + id + ", parentId=" + parentId + ", name=" + name + ", position=" + position
                + ", hasPassword=" + hasPassword() + "]";
    }
}
