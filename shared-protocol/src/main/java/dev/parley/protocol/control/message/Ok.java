package dev.parley.protocol.control.message;

/** The request succeeded and has nothing to return; its effects arrive as events. */
public record Ok() implements Reply {
}
