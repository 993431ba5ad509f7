package dev.parley.server.shutdown;

import dev.parley.protocol.control.message.Session;
import dev.parley.server.control.ControlServer;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.session.OnlineUser;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of stopping a room that its users notice, before the connections close: everyone signed
 * in is told ({@code room.closing}) how long the room has left and whether it comes back, the room
 * keeps working for that grace period, then new requests are refused ({@code shutting_down}) and the
 * ones already accepted (a chat message being committed) finish and are answered. The caller then
 * closes the connections and the database. Run by the one thread that stops the room; the notices
 * themselves are sent on the room thread.
 */
public final class RoomShutdown {
    private static final Logger log = LoggerFactory.getLogger(RoomShutdown.class);
    /** How long accepted requests may take to finish: a batch commit takes milliseconds, a stuck disk longer. */
    static final Duration IN_FLIGHT_LIMIT = Duration.ofSeconds(5);
    /** How long the stopping thread waits for the room thread to send the notices. */
    private static final Duration TELL_LIMIT = Duration.ofSeconds(5);
    /** How often someone who signed in during the grace period is looked for, to be told too. */
    private static final long LATE_NOTICE_MILLIS = 200;

    private final Room room;
    private final RoomLoop loop;
    private final ControlServer control;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    /** Room thread only: the users already told, so each is told once. */
    private final Set<OnlineUser> told = Collections.newSetFromMap(new IdentityHashMap<>());

    public RoomShutdown(Room room, RoomLoop loop, ControlServer control, ScheduledExecutorService timer, LongSupplier clock) {
        this.room = room;
        this.loop = loop;
        this.control = control;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Tells everyone, waits out the grace period (not at all when nobody is signed in), refuses new
     * requests and waits for the accepted ones; returns when the connections may be closed.
     */
    public void drain(Duration grace, boolean restart) throws InterruptedException {
        long closesAt = clock.getAsLong() + grace.toMillis();
        int told = tell(closesAt, restart);
        log.info("Room closing{}: {} signed-in user(s) told, {} s of grace", restart ? " for a restart" : "",
                told < 0 ? "an unknown number of" : told, told == 0 ? 0 : grace.toSeconds());
        if (told != 0 && !grace.isZero()) { // unknown (a busy room thread) counts as someone to wait for
            ScheduledFuture<?> lateNotices = timer.scheduleAtFixedRate(() -> tell(closesAt, restart),
                    LATE_NOTICE_MILLIS, LATE_NOTICE_MILLIS, TimeUnit.MILLISECONDS);
            try {
                long left;
                while ((left = closesAt - clock.getAsLong()) > 0) {
                    TimeUnit.MILLISECONDS.sleep(left); // the grace period itself: the room goes on meanwhile
                }
            } finally {
                lateNotices.cancel(false);
            }
        }
        control.refuseNewRequests();
        awaitAccepted();
    }

    /**
     * Sends {@code room.closing} to the signed-in users not yet told; returns how many were told now, or -1
     * when the room thread did not say within a few seconds (the notices still go out when it gets to them).
     */
    private int tell(long closesAt, boolean restart) {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        try {
            loop.execute(() -> {
                int before = told.size();
                long seconds = Math.max(0, (closesAt - clock.getAsLong() + 999) / 1000);
                int inSeconds = (int) Math.min(seconds, Session.MAX_CLOSING_NOTICE_SECONDS);
                room.broadcastEach(told::add, user -> notice(inSeconds, restart));
                sent.complete(told.size() - before);
            });
            return sent.get(TELL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (java.util.concurrent.TimeoutException e) {
            log.warn("The room thread took over {} s to send the closing notices", TELL_LIMIT.toSeconds());
            return -1;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.RejectedExecutionException e) {
            log.warn("Could not tell the room it is closing: {}", e.toString());
            return -1;
        }
    }

    static Session.RoomClosing notice(int inSeconds, boolean restart) {
        String message = restart
                ? (inSeconds == 0 ? "The room is restarting now." : "The room restarts in " + inSeconds + " s.")
                : (inSeconds == 0 ? "The host closed the room." : "The host closes the room in " + inSeconds + " s.");
        return new Session.RoomClosing(inSeconds, restart, message);
    }

    /**
     * Waits (bounded) until every accepted request has its answer. A request's count drops on the room
     * thread in the same task that queues its reply, so one more pass through the room thread after the
     * count reaches zero means every reply is queued ahead of the close frame.
     */
    private void awaitAccepted() throws InterruptedException {
        long deadline = System.nanoTime() + IN_FLIGHT_LIMIT.toNanos();
        int left;
        while ((left = control.requestsInFlight()) > 0 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        if (left > 0) {
            log.warn("Closing with {} request(s) still unanswered after {} s", left, IN_FLIGHT_LIMIT.toSeconds());
        }
        CompletableFuture<Void> passed = new CompletableFuture<>();
        try {
            loop.execute(() -> passed.complete(null));
            passed.get(IN_FLIGHT_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                 | java.util.concurrent.RejectedExecutionException e) {
            log.warn("The room thread did not pass before closing: {}", e.toString());
        }
    }
}
