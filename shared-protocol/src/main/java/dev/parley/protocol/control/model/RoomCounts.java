package dev.parley.protocol.control.model;

/**
 * How big the room is, as numbers only: the lists themselves travel in pages.
 *
 * @param channels channels in the tree, the lobby included
 * @param online   users online as the viewer sees them (invisible others are not counted)
 * @param accounts registered, approved accounts
 */
public record RoomCounts(int channels, int online, int accounts) {
}
