package dev.parley.client.core;

import java.util.ArrayDeque;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client core's one event thread. Connection callbacks, replies, events, timers and every
 * listener run here, one at a time and in the order they were posted, so core state needs no locks.
 * The UI bridges this thread to its own (JavaFX: {@code Platform.runLater}); never block here, and
 * never {@code join()} a core future on this thread.
 *
 * <p>Thread-safe. The queue from other threads is bounded: a full queue blocks the poster (the
 * socket reader), which pushes back on the server instead of growing without limit.
 */
public final class ClientEventLoop implements Executor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClientEventLoop.class);
    private static final int DEFAULT_CAPACITY = 10_000;
    private static final AtomicLong THREAD_COUNT = new AtomicLong();
    /** {@link #nanosUntilNextTimer()} when no timer is pending. */
    private static final long NO_TIMER = -1;

    /** A scheduled task; {@link #cancel()} may be called from any thread. */
    public static final class Timer implements Comparable<Timer> {
        private static final AtomicLong SEQUENCE = new AtomicLong();
        private final long dueNanos;
        private final long sequence = SEQUENCE.incrementAndGet();
        private final Runnable task;
        private volatile boolean cancelled;

        private Timer(long dueNanos, Runnable task) {
            this.dueNanos = dueNanos;
            this.task = task;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(dueNanos - other.dueNanos, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final BlockingQueue<Runnable> inbox;
    private final ArrayDeque<Runnable> ownTasks = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ClientEventLoop() {
        this(DEFAULT_CAPACITY);
    }

    public ClientEventLoop(int capacity) {
        inbox = new LinkedBlockingQueue<>(capacity);
        thread = new Thread(this::run, "parley-client-events-" + THREAD_COUNT.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    public boolean inEventThread() {
        return Thread.currentThread() == thread;
    }

    /** Fails fast when core state is touched from the wrong thread. */
    public void checkEventThread() {
        if (!inEventThread()) {
            throw new IllegalStateException("must run on " + thread.getName() + ", not " + Thread.currentThread().getName());
        }
    }

    /**
     * Like {@link #execute}, for work that only matters while the session lives (a view catching up,
     * an unsubscribe, a talking mark): after close it is dropped instead of throwing, so a window
     * closing or a voice thread finishing its last frame never logs a RejectedExecutionException.
     *
     * @return whether the task was queued
     */
    public boolean executeIfRunning(Runnable task) {
        try {
            execute(task);
            return true;
        } catch (RejectedExecutionException closed) {
            return false;
        }
    }

    /** Runs the task later on the event thread; from another thread this may wait while the queue is full. */
    @Override
    public void execute(Runnable task) {
        if (!running) {
            throw new RejectedExecutionException("client event loop is closed");
        }
        if (inEventThread()) {
            ownTasks.add(task);
            return;
        }
        // Try without waiting first: the socket library interrupts its writer thread while closing
        // and then reports the close from it; a timed offer would refuse that thread at once and
        // the close would be lost (a TLS handshake refused by the pin check does exactly this).
        if (inbox.offer(task)) {
            return;
        }
        try {
            while (!inbox.offer(task, 100, TimeUnit.MILLISECONDS)) {
                if (!running) {
                    throw new RejectedExecutionException("client event loop is closed");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while posting to the client event loop", e);
        }
    }

    /** Runs the task after {@code delay} on the event thread. */
    public Timer schedule(Runnable task, long delay, TimeUnit unit) {
        Timer timer = new Timer(System.nanoTime() + unit.toNanos(Math.max(0, delay)), task);
        if (inEventThread()) {
            timers.add(timer);
        } else {
            execute(() -> timers.add(timer));
        }
        return timer;
    }

    private void run() {
        while (running) {
            try {
                runDueTimers();
                Runnable own = ownTasks.poll();
                if (own != null) {
                    runSafely(own);
                    continue;
                }
                long wait = nanosUntilNextTimer();
                Runnable next = wait == NO_TIMER ? inbox.take() : inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (next != null) {
                    runSafely(next);
                }
            } catch (InterruptedException e) {
                if (running) {
                    log.warn("Client event thread interrupted; stopping");
                }
                running = false;
            }
        }
        inbox.clear();
        ownTasks.clear();
        timers.clear();
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            Timer due = timers.poll();
            if (!due.cancelled) {
                runSafely(due.task);
            }
        }
    }

    private long nanosUntilNextTimer() {
        while (!timers.isEmpty() && timers.peek().cancelled) {
            timers.poll();
        }
        if (timers.isEmpty()) {
            // Nothing is due: sleep until a task is posted (a timer scheduled from another thread is posted
            // too, and close() interrupts). A one-second look here woke an idle app every second for nothing.
            return NO_TIMER;
        }
        return Math.max(0, timers.peek().dueNanos - System.nanoTime());
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // The loop is the boundary: one failing listener must not stop every later callback.
            log.error("A task on the client event thread failed", e);
        }
    }

    /** Stops the thread; queued tasks and timers are dropped. Waits briefly unless called on the loop itself. */
    @Override
    public void close() {
        running = false;
        if (inEventThread()) {
            return;
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
