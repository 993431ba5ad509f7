package dev.parley.server.control;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Request;
import dev.parley.protocol.control.message.Session;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the handler for a request and enforces the order of a conversation: {@code hello} first,
 * then signing in, then everything else. Confined to the room thread after start-up.
 */
public final class RequestRouter {
    /** When a request may be made. */
    public enum Stage { BEFORE_SIGN_IN, SIGNED_IN, ANY_AFTER_HELLO }

    private record Route<R extends Request>(Stage stage, Handler<R> handler) {
    }

    private final Map<Class<? extends Request>, Route<?>> routes = new HashMap<>();

    public <R extends Request> RequestRouter on(Class<R> type, Stage stage, Handler<R> handler) {
        if (routes.put(type, new Route<>(stage, handler)) != null) {
            throw new IllegalStateException("two handlers for " + type.getSimpleName());
        }
        return this;
    }

    /** Signed-in requests are by far the most common; this is the short form. */
    public <R extends Request> RequestRouter on(Class<R> type, Handler<R> handler) {
        return on(type, Stage.SIGNED_IN, handler);
    }

    @SuppressWarnings("unchecked")
    void dispatch(Call call, Request request) {
        ClientConnection connection = call.connection();
        boolean hello = request instanceof Session.Hello;
        if (!connection.helloDone() && !hello) {
            call.fail(ErrorCode.HELLO_REQUIRED, "Say hello first.");
            return;
        }
        Route<Request> route = (Route<Request>) routes.get(request.getClass());
        if (route == null) {
            call.fail(ErrorCode.UNKNOWN_TYPE, "This server does not handle that request.");
            return;
        }
        boolean signedIn = connection.user() != null;
        if (route.stage() == Stage.SIGNED_IN && !signedIn) {
            call.fail(ErrorCode.NOT_AUTHENTICATED, "Sign in first.");
            return;
        }
        if (route.stage() == Stage.BEFORE_SIGN_IN && signedIn) {
            call.fail(ErrorCode.ALREADY_AUTHENTICATED, "You are already signed in.");
            return;
        }
        call.run(() -> route.handler().handle(call, request));
    }
}
