package dev.parley.server.room;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single thread that owns all in-memory room state (who is online, where, typing, the channel
 * tree cache). Everything that reads or changes that state runs here, in order, so none of it needs
 * locks. The queue is bounded: a server flooded past it refuses work instead of growing without end.
 * Thread-safe to submit to from any thread.
 */
public final class RoomLoop implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomLoop.class);

    private final ThreadPoolExecutor loop;
    private final ScheduledExecutorService timer;
    /** False when the timer is the server's, shared with the network (it is then the server's to stop). */
    private final boolean ownsTimer;
    private volatile Thread loopThread;
    private final java.util.concurrent.atomic.AtomicLong errors = new java.util.concurrent.atomic.AtomicLong();

    /** A room loop with its own timer thread ({@code parley-room-timer}). */
    public RoomLoop(int queueCapacity) {
        this(queueCapacity, null);
    }

    /**
     * A room loop whose delayed tasks are started by {@code sharedTimer} (a thread of the server's that
     * only hands them to the room thread, so one timer serves the room and the network alike);
     * null gives the loop its own timer thread.
     */
    public RoomLoop(int queueCapacity, ScheduledExecutorService sharedTimer) {
        loop = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queueCapacity), task -> {
            // The room thread's sends are written per connection once per burst (OutboundBatch).
            Thread thread = new Thread(() -> {
                dev.parley.server.control.OutboundBatch.enableOnThisThread();
                task.run();
            }, "parley-room");
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        ownsTimer = sharedTimer == null;
        if (sharedTimer != null) {
            timer = sharedTimer;
            return;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "parley-room-timer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        timer = scheduler;
    }

    /** Runs the task on the room thread; throws {@link RejectedExecutionException} when overloaded. */
    @Override
    public void execute(Runnable task) {
        loop.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Room task failed; the room carries on", e);
            } catch (VirtualMachineError e) {
                // Out of memory (or stack): the task that hit it is lost, its garbage is collectable,
                // and the room thread carries on rather than dying with every room's state on it.
                errors.incrementAndGet();
                log.error("Room task hit {}; the room carries on", e.toString());
            } finally {
                dev.parley.server.control.OutboundBatch.taskDone(loop.getQueue().isEmpty());
            }
        });
    }

    /** Runs the task on the room thread after a delay. */
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer.schedule(() -> {
            try {
                execute(task);
            } catch (RejectedExecutionException e) {
                if (!loop.isShutdown()) {
                    log.warn("Room is overloaded; a timer task was dropped");
                }
            }
        }, delay, unit);
    }

    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long period, TimeUnit unit) {
        return timer.scheduleAtFixedRate(() -> {
            try {
                execute(task);
            } catch (RejectedExecutionException e) {
                if (!loop.isShutdown()) {
                    log.warn("Room is overloaded; a periodic task was skipped");
                }
            }
        }, period, period, unit);
    }

    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /** Tasks lost to an {@link Error} such as {@link OutOfMemoryError}; the thread survived each. */
    public long errors() {
        return errors.get();
    }

    public int queued() {
        return loop.getQueue().size();
    }

    @Override
    public void close() {
        if (ownsTimer) {
            timer.shutdownNow();
        }
        loop.shutdown();
        try {
            if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
                loop.shutdownNow();
            }
            if (ownsTimer) {
                // A shared timer is the server's: it stops it after the room, so waiting here would only time out.
                timer.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            loop.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
