package dev.parley.server.call;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Calls;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.model.CallEnd;
import dev.parley.protocol.control.model.CallState;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.control.Call;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.room.RoomObserver;
import dev.parley.server.session.OnlineUser;
import dev.parley.server.voice.VoiceRoster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * 1:1 calls: rings, answers, declines, hangs up and times out, tells both sides every step
 * ({@code call.state}), and connects the two users' call voice target at the relay while the call is
 * answered. A user is in at most one call. Calls live in memory only: leaving the room ends yours.
 * A call nobody answered leaves a "missed call" entry in the two accounts' direct messages.
 * Room thread only.
 */
public final class CallService implements RoomObserver {
    private static final Logger log = LoggerFactory.getLogger(CallService.class);
    /** The text of the direct message a missed call leaves, in the caller's name. */
    public static final String MISSED_CALL_TEXT = "📞 Missed call";

    /** Writes the missed-call entry of call {@code callId} (numbered per server run). */
    @FunctionalInterface
    public interface MissedCalls {
        void missed(long callId, long callerId, String callerName, long calleeId);
    }

    /** An answered call, as others in the server see it (a recording of it, for one). */
    public record Answered(long callId, long callerId, long calleeId) {
    }

    /** Hears that an answered call ended, whatever the reason; called on the room thread after both sides were told. */
    @FunctionalInterface
    public interface EndListener {
        void ended(Answered call);
    }

    private static final class Ongoing {
        final long id;
        final UserInfo caller;
        final UserInfo callee;
        boolean answered;
        ScheduledFuture<?> timeout;

        Ongoing(long id, UserInfo caller, UserInfo callee) {
            this.id = id;
            this.caller = caller;
            this.callee = callee;
        }

        UserInfo peerOf(long userId) {
            return userId == caller.id() ? callee : caller;
        }
    }

    private final Room room;
    private final RoomLoop loop;
    private final VoiceRoster roster;
    private final MissedCalls missedCalls;
    private final Duration ringTimeout;
    private final Map<Long, Ongoing> byId = new HashMap<>();
    private final Map<Long, Ongoing> byUser = new HashMap<>();
    private final List<EndListener> endListeners = new ArrayList<>();
    private long nextId = 1;

    public CallService(Room room, RoomLoop loop, VoiceRoster roster, MissedCalls missedCalls, Duration ringTimeout) {
        this.room = room;
        this.loop = loop;
        this.roster = roster;
        this.missedCalls = missedCalls;
        this.ringTimeout = ringTimeout;
    }

    public void registerOn(RequestRouter router) {
        router.on(Calls.Ring.class, this::ring)
                .on(Calls.Accept.class, this::accept)
                .on(Calls.Decline.class, this::decline)
                .on(Calls.Hangup.class, this::hangup);
    }

    /** {@code listener} hears of every answered call that ends from now on. */
    public void afterEnd(EndListener listener) {
        endListeners.add(listener);
    }

    /** The answered call the account {@code userId} is in, if any (a ringing call is not answered yet). */
    public Optional<Answered> answeredCallOf(long userId) {
        Ongoing ongoing = byUser.get(userId);
        return ongoing == null || !ongoing.answered ? Optional.empty()
                : Optional.of(new Answered(ongoing.id, ongoing.caller.id(), ongoing.callee.id()));
    }

    private void ring(Call call, Calls.Ring request) {
        OnlineUser caller = call.user();
        if (caller.guest()) {
            throw Refusal.forbidden("Guests cannot call; register an account.");
        }
        requireVoice(caller, "Start voice before calling.");
        if (request.userId() == caller.id()) {
            throw new Refusal(ErrorCode.CONFLICT, "You cannot call yourself.");
        }
        if (byUser.containsKey(caller.id())) {
            throw new Refusal(ErrorCode.CONFLICT, "You are in a call already; hang up first.");
        }
        String name = room.account(request.userId()).map(account -> account.info().name())
                .orElseThrow(() -> Refusal.notFound("There is no account " + request.userId() + "."));
        OnlineUser callee = room.online(request.userId()).filter(user -> room.presenceShown(user, caller.id()))
                .orElseThrow(() -> Refusal.notFound(name + " is not online."));
        if (room.privacy().refusesDirectMessage(caller.id(), callee.id())) {
            throw new Refusal(ErrorCode.FRIENDS_ONLY, name + " accepts calls from friends only.");
        }
        if (byUser.containsKey(callee.id())) {
            throw new Refusal(ErrorCode.BUSY, name + " is in another call.");
        }
        Ongoing ongoing = new Ongoing(nextId++, caller.info(), callee.info());
        byId.put(ongoing.id, ongoing);
        byUser.put(caller.id(), ongoing);
        byUser.put(callee.id(), ongoing);
        ongoing.timeout = loop.schedule(() -> timedOut(ongoing), ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
        call.reply(new Calls.Ringing(ongoing.id));
        tell(caller.id(), ongoing, CallState.RINGING, null);
        tell(callee.id(), ongoing, CallState.INCOMING, null);
        log.debug("Call {}: {} rings {}", ongoing.id, caller.id(), callee.id());
    }

    private void accept(Call call, Calls.Accept request) {
        OnlineUser user = call.user();
        Ongoing ongoing = byId.get(request.callId());
        if (ongoing == null || ongoing.callee.id() != user.id()) {
            throw Refusal.notFound("No call " + request.callId() + " is ringing for you.");
        }
        if (ongoing.answered) {
            throw new Refusal(ErrorCode.CONFLICT, "You answered this call already.");
        }
        requireVoice(user, "Start voice before answering.");
        ongoing.answered = true;
        ongoing.timeout.cancel(false);
        roster.connectCall(ongoing.caller.id(), ongoing.callee.id());
        call.reply(new Ok());
        tell(ongoing.caller.id(), ongoing, CallState.ACTIVE, null);
        tell(ongoing.callee.id(), ongoing, CallState.ACTIVE, null);
    }

    private void decline(Call call, Calls.Decline request) {
        Ongoing ongoing = byId.get(request.callId());
        if (ongoing == null || ongoing.callee.id() != call.user().id() || ongoing.answered) {
            throw Refusal.notFound("No call " + request.callId() + " is ringing for you.");
        }
        call.reply(new Ok());
        end(ongoing, CallEnd.DECLINED);
    }

    private void hangup(Call call, Calls.Hangup request) {
        long userId = call.user().id();
        Ongoing ongoing = byId.get(request.callId());
        if (ongoing == null || (ongoing.caller.id() != userId && ongoing.callee.id() != userId)) {
            throw Refusal.notFound("You are not in call " + request.callId() + ".");
        }
        call.reply(new Ok());
        leave(ongoing, userId);
    }

    /** One side goes: before an answer the caller cancels (a missed call) and the callee declines. */
    private void leave(Ongoing ongoing, long userId) {
        if (ongoing.answered) {
            end(ongoing, CallEnd.ENDED);
        } else if (userId == ongoing.caller.id()) {
            end(ongoing, CallEnd.CANCELLED);
        } else {
            end(ongoing, CallEnd.DECLINED);
        }
    }

    private void timedOut(Ongoing ongoing) {
        if (byId.get(ongoing.id) == ongoing && !ongoing.answered) {
            end(ongoing, CallEnd.MISSED);
        }
    }

    private void end(Ongoing ongoing, CallEnd reason) {
        byId.remove(ongoing.id);
        byUser.remove(ongoing.caller.id(), ongoing);
        byUser.remove(ongoing.callee.id(), ongoing);
        ongoing.timeout.cancel(false);
        if (ongoing.answered) {
            roster.disconnectCall(ongoing.caller.id(), ongoing.callee.id());
        }
        tell(ongoing.caller.id(), ongoing, CallState.ENDED, reason);
        tell(ongoing.callee.id(), ongoing, CallState.ENDED, reason);
        if (reason == CallEnd.MISSED || reason == CallEnd.CANCELLED) {
            missedCalls.missed(ongoing.id, ongoing.caller.id(), ongoing.caller.name(), ongoing.callee.id());
        }
        if (ongoing.answered) {
            Answered answered = new Answered(ongoing.id, ongoing.caller.id(), ongoing.callee.id());
            endListeners.forEach(listener -> listener.ended(answered));
        }
        log.debug("Call {} ended: {}", ongoing.id, reason);
    }

    private void tell(long userId, Ongoing ongoing, CallState state, CallEnd reason) {
        room.online(userId).ifPresent(user -> user.link().send(Envelope.event(
                new Calls.Changed(ongoing.id, ongoing.peerOf(userId), state, reason))));
    }

    private static void requireVoice(OnlineUser user, String message) {
        if (user.voiceSessionId() == 0) {
            throw new Refusal(ErrorCode.VOICE_REQUIRED, message);
        }
    }

    /** Leaving the room (sign-off, disconnect, kick, a newer session) is leaving the call. */
    @Override
    public void userLeft(OnlineUser user) {
        Ongoing ongoing = byUser.get(user.id());
        if (ongoing == null) {
            return;
        }
        if (!ongoing.answered && user.id() == ongoing.callee.id()) {
            end(ongoing, CallEnd.MISSED); // gone before answering: as if nobody picked up
        } else {
            leave(ongoing, user.id());
        }
    }
}
