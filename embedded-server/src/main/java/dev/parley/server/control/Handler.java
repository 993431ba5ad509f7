package dev.parley.server.control;

import dev.parley.protocol.control.message.Request;

/** Answers one kind of request. Runs on the room thread; throw {@link Refusal} to refuse. */
@FunctionalInterface
public interface Handler<R extends Request> {
    void handle(Call call, R request);
}
