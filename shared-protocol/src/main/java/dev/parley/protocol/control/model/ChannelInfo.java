package dev.parley.protocol.control.model;

import dev.parley.protocol.control.Check;

/** A channel in the tree. Only the lobby has no parent. */
public record ChannelInfo(
        long id, Long parentId, String name, String description, int position, boolean passwordProtected) {
    public ChannelInfo {
        Check.required(name, "name");
        description = description == null ? "" : description;
    }
}
