package dev.parley.server.channel;

import dev.parley.protocol.control.model.ChannelE2e;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored channel. {@code parentId} null means a root channel; siblings sort by {@code position},
 * then by id. {@code passwordHash} is null when the channel has no password; {@code e2e} is null
 * unless the channel is end-to-end encrypted.
 */
public record Channel(long id, Long parentId, String name, String description, int position,
                      String passwordHash, Instant createdAt, ChannelE2e e2e) {

    public Channel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public Channel(long id, Long parentId, String name, String description, int position, String passwordHash,
                   Instant createdAt) {
        this(id, parentId, name, description, position, passwordHash, createdAt, null);
    }

    public boolean endToEnd() {
        return e2e != null;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    /** Leaves the password hash out so a channel can be logged safely. */
    @Override
    public String toString() {
        return "Channel[id=" + id + ", parentId=" + parentId + ", name=" + name + ", position=" + position
                + ", hasPassword=" + hasPassword() + (e2e == null ? "" : ", e2e epoch " + e2e.epoch()) + "]";
    }
}
