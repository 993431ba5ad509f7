package dev.parley.client.core.call;

import dev.parley.client.core.Listeners;
import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.protocol.control.message.Calls;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.UserInfo;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * This client's side of 1:1 calls: places, answers, declines and hangs up, and follows what the room
 * says of its call ({@code call.state}). At most one call at a time, as the room allows. Thread-safe;
 * listeners run on the client's event thread and must hand off to their UI thread.
 */
public final class CallDesk implements AutoCloseable {

    /** The call as this side sees it; {@code reason} only when {@code state} is ended. */
    public record CurrentCall(long callId, UserInfo peer, CallState state, CallEnd reason) {
        public boolean active() {
            return state == CallState.ACTIVE;
        }

        public boolean ended() {
            return state == CallState.ENDED;
        }
    }

    private final ControlClient client;
    private final Listeners<CurrentCall> listeners = new Listeners<>();
    private final Subscription subscription;
    /** The call in progress, or the last one once it ended; null before any. */
    private volatile CurrentCall current;

    public CallDesk(ControlClient client) {
        this.client = client;
        this.subscription = client.on(Calls.Changed.class, this::changed);
    }

    /** Rings {@code userId}; completes with the call's id once it rings (or fails: busy, offline, …). */
    public CompletableFuture<Long> ring(long userId) {
        return client.request(new Calls.Ring(userId), Calls.Ringing.class).thenApply(Calls.Ringing::callId);
    }

    /** Answers the incoming call. */
    public CompletableFuture<Ok> accept() {
        return onCall(CallState.INCOMING, id -> client.requestOk(new Calls.Accept(id)));
    }

    /** Refuses the incoming call. */
    public CompletableFuture<Ok> decline() {
        return onCall(CallState.INCOMING, id -> client.requestOk(new Calls.Decline(id)));
    }

    /** Cancels the call you placed, or ends the one you are in. */
    public CompletableFuture<Ok> hangup() {
        CurrentCall call = current;
        if (call == null || call.ended()) {
            return CompletableFuture.failedFuture(new IllegalStateException("no call to hang up"));
        }
        return client.requestOk(new Calls.Hangup(call.callId()));
    }

    /** The call in progress (ringing, incoming or active); empty when there is none. */
    public Optional<CurrentCall> current() {
        return Optional.ofNullable(current).filter(call -> !call.ended());
    }

    /** Every change of this side's call, the end included. */
    public Subscription onChange(Consumer<? super CurrentCall> listener) {
        return listeners.add(listener);
    }

    private CompletableFuture<Ok> onCall(CallState wanted, java.util.function.LongFunction<CompletableFuture<Ok>> act) {
        CurrentCall call = current;
        if (call == null || call.state() != wanted) {
            return CompletableFuture.failedFuture(new IllegalStateException("no call is " + wanted.wire()));
        }
        return act.apply(call.callId());
    }

    /** Event thread. */
    private void changed(Calls.Changed event) {
        CurrentCall call = new CurrentCall(event.callId(), event.peer(), event.state(), event.reason());
        current = call;
        listeners.fire(call);
    }

    @Override
    public void close() {
        subscription.close();
    }
}
