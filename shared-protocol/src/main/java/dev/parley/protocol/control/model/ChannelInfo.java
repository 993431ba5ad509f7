package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/**
 * A channel in the tree. Only the lobby has no parent. {@code e2e} is present when the channel is end-to-end
 * encrypted: its chat and voice are sealed by the members under a key the server never has.
 */
public record ChannelInfo(
        long id, Long parentId, String name, String description, int position, boolean passwordProtected,
        ChannelE2e e2e) {
    public ChannelInfo {
        Check.required(name, "name");
        description = description == null ? "" : description;
    }

    public ChannelInfo(long id, Long parentId, String name, String description, int position, boolean passwordProtected) {
        this(id, parentId, name, description, position, passwordProtected, null);
    }

    public boolean endToEnd() {
        return e2e != null;
    }
}
