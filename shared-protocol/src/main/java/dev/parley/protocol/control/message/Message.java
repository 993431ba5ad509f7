package dev.parley.protocol.control.message;

/**
 * Every control message. A {@link Request} travels client to server and is answered by exactly one
 * {@link Reply} with the same id; an {@link Event} is pushed by the server without an id.
 */
public sealed interface Message permits Request, Reply, Event {
}
