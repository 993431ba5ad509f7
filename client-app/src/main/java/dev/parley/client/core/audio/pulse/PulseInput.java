package dev.parley.client.core.audio.pulse;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.PcmFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture from the default PulseAudio source through the asynchronous API: one record stream whose fragment
 * (what the server hands over at a time, and with {@code PA_STREAM_ADJUST_LATENCY} the source's whole latency)
 * is {@link #FRAGMENT_MILLIS} ms, one engine chunk. javax.sound through the ALSA pulse plugin put its own 20 ms
 * line and period on top of the server's buffering and could not say how much was waiting; this stream can
 * ({@code pa_stream_readable_size}), so the backlog rule needs no estimate.
 *
 * <p>Paced by the device: {@link #read} waits for the server's read notification and takes what the stream
 * holds ({@code pa_stream_peek}/{@code pa_stream_drop} copy it out without blocking), so a chunk is handed on
 * as soon as the server delivers it. The stream is connected corked and starts with {@link #start()}: nothing
 * recorded before the engine is ready is kept. A reader that fell behind (a stall of the capture thread) reads
 * up to {@link #MAX_BACKLOG_MILLIS} of backlog in a burst and loses nothing; beyond that the oldest audio is
 * thrown away down to {@link #KEEP_BACKLOG_MILLIS} and counted in {@link #health()} (as {@code CaptureBacklog}
 * does for javax.sound). The server's own overflow notification (it dropped audio because the reader was away
 * for {@link #MAX_LENGTH_MILLIS}) is counted too ({@link #overflows()}) and logged.
 *
 * <p>A stream the server failed (the server went away), or one that delivers nothing for {@link #SILENT_NANOS}
 * (a new one gets {@link #FIRST_DATA_NANOS}), is opened again, every {@link #RETRY_NANOS} while no server
 * answers; each re-open is counted in {@link #health()} and said at WARN (rate-limited).
 *
 * <p>Threading: see {@link AudioInput}; {@link #close()}, {@link #health()} and {@link #overflows()} from any
 * thread, the rest is the capture thread's. The server's callbacks run on the library's main-loop thread and
 * only count and wake; the copying happens on the capture thread with the main loop's lock held briefly, so the
 * main loop never waits for the reader.
 */
public final class PulseInput implements AudioInput {

    private static final Logger LOG = LoggerFactory.getLogger(PulseInput.class);
    public static final String DESCRIPTION = "default (PulseAudio)";
    /** What the server hands over at a time: one 10 ms chunk. */
    public static final int FRAGMENT_MILLIS = 10;
    /** What the server keeps for a reader that is away before it drops audio (an overflow). */
    static final int MAX_LENGTH_MILLIS = 1000;
    /**
     * Behind by more than this: discard. Below it, a backlog is caught up by reading (nothing lost). javax.sound's
     * rule allows 120 ms; here the backlog is exact, and a 100 ms stall of the reader finds up to 100 ms plus a
     * fragment plus what the last read left over (under 10 ms) plus the machine's own delay waiting, so 150 keeps
     * such a stall lossless where 120 cut it now and then.
     */
    static final int MAX_BACKLOG_MILLIS = 150;
    /** What is kept when discarding: the newest audio, about what a normal wake finds. */
    static final int KEEP_BACKLOG_MILLIS = 20;
    /** Nothing from a stream that has delivered before for this long: it is wedged (a source delivers every fragment). */
    static final long SILENT_NANOS = 500_000_000L;
    /** The same before the first audio: a source waking from its idle suspend may take a while. */
    static final long FIRST_DATA_NANOS = 3_000_000_000L;
    static final long RETRY_NANOS = 500_000_000L;
    private static final long CONNECT_NANOS = 3_000_000_000L;
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final int SAMPLES_PER_MILLI = PcmFormat.SAMPLE_RATE / 1000;
    private static final int BYTES_PER_MILLI = SAMPLES_PER_MILLI * 2;
    private static final int CHUNK = PcmFormat.CHUNK_SAMPLES;

    /** Captured samples not yet handed out, oldest at {@link #head}; capture thread. */
    private final short[] ring = new short[(MAX_BACKLOG_MILLIS + 200) * SAMPLES_PER_MILLI];
    private final short[] scratch = new short[CHUNK];
    /** Counted by the main loop's thread. */
    private final AtomicLong overflows = new AtomicLong();
    /** Bumped by every callback; the capture thread parks until it moves. */
    private final AtomicLong events = new AtomicLong();
    private final Object connectionLock = new Object();
    private volatile Thread waiter;
    private volatile boolean closed;
    private volatile InputHealth health = new InputHealth(0, DESCRIPTION);
    private Connection connection;
    private boolean broken;
    private boolean started;
    private boolean delivered;
    private long lastDataNanos;
    private int head;
    private int count;
    /** Samples still to throw away from the next fragments (the discard decided before a drain). */
    private long skipSamples;
    private long discardedSamples;
    private long reopens;
    private long overflowsLogged;
    private long lastDiscardLogNanos;
    private long discardLogged;
    private long lastReopenLogNanos;
    private long maxBacklogMillis;

    private PulseInput() {
    }

    /**
     * Opens a (corked) record stream on the default source of the server libpulse finds (PULSE_SERVER, the
     * user's session); never starts a server.
     *
     * @throws AudioDeviceException when the library is missing or no server answers
     */
    public static PulseInput open() {
        PulseInput input = new PulseInput();
        input.connection = input.connect();
        return input;
    }

    /** Why PulseAudio capture cannot be used on this machine at all (no library), or empty. */
    public static Optional<String> unavailable() {
        return PulseAsync.unavailable();
    }

    private Connection connect() {
        try {
            // The main loop's thread takes its nice value from the thread that creates it (AudioPriority).
            return AudioPriority.open(() -> Connection.open(this::wake, this::overflowed));
        } catch (IllegalStateException | LinkageError e) {
            throw new AudioDeviceException("PulseAudio capture unavailable: " + e.getMessage(), e);
        }
    }

    /** Main-loop thread. */
    private void wake() {
        AudioPriority.raiseMainLoopThread();
        events.incrementAndGet();
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /** Main-loop thread. */
    private void overflowed() {
        overflows.incrementAndGet();
        wake();
    }

    @Override
    public void start() {
        if (started) {
            return;
        }
        started = true;
        lastDataNanos = System.nanoTime();
        Connection c = connection;
        if (c != null) {
            c.uncork();
        }
    }

    @Override
    public boolean read(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        waiter = Thread.currentThread();
        while (count < CHUNK) {
            if (closed) {
                return false;
            }
            if (broken) {
                reopen();
                continue;
            }
            long seen = events.get();
            Connection c = connection;
            if (c == null) {
                return false;
            }
            int taken = c.drain(this);
            reportOverflows();
            if (taken < 0) {
                if (closed) {
                    return false;
                }
                LOG.warn("PulseAudio microphone stream failed ({}); opening it again", c.error());
                broken = true;
                continue;
            }
            long now = System.nanoTime();
            if (taken > 0) {
                lastDataNanos = now;
                delivered = true;
                reportDiscards(now);
                continue;
            }
            long limit = delivered ? SILENT_NANOS : FIRST_DATA_NANOS;
            long silent = now - lastDataNanos;
            if (silent > limit) {
                LOG.warn("PulseAudio microphone delivered nothing for {} ms; opening it again", silent / 1_000_000L);
                broken = true;
                continue;
            }
            // The server's read notification (or any state change) unparks; the bound only covers a missed one.
            if (events.get() == seen) {
                LockSupport.parkNanos(Math.min(limit - silent, 10_000_000L));
            }
        }
        int first = Math.min(CHUNK, ring.length - head);
        System.arraycopy(ring, head, chunk, 0, first);
        System.arraycopy(ring, 0, chunk, first, CHUNK - first);
        head = (head + CHUNK) % ring.length;
        count -= CHUNK;
        return true;
    }

    /**
     * Capture thread, main loop locked: {@code readable} bytes wait in the stream. Decides what to throw away so
     * the reader never runs more than {@link #MAX_BACKLOG_MILLIS} behind: the oldest audio, from what was
     * already taken first.
     */
    void beforeDrain(long readable) {
        long backlog = count + readable / 2;
        maxBacklogMillis = Math.max(maxBacklogMillis, backlog / SAMPLES_PER_MILLI);
        if (backlog <= (long) MAX_BACKLOG_MILLIS * SAMPLES_PER_MILLI) {
            return;
        }
        long excess = backlog - (long) KEEP_BACKLOG_MILLIS * SAMPLES_PER_MILLI;
        int fromRing = (int) Math.min(count, excess);
        head = (head + fromRing) % ring.length;
        count -= fromRing;
        discardedSamples += fromRing;
        skipSamples = excess - fromRing;
    }

    /** Capture thread, main loop locked: one fragment ({@code data} null: a hole, taken as silence). */
    void fragment(Pointer data, int bytes) {
        int samples = bytes / 2;
        int offset = (int) Math.min(skipSamples, samples);
        skipSamples -= offset;
        discardedSamples += offset;
        while (offset < samples) {
            int n = Math.min(samples - offset, scratch.length);
            if (data == null) {
                java.util.Arrays.fill(scratch, 0, n, (short) 0);
            } else {
                // S16LE read as native shorts: every platform Parley ships for is little-endian.
                data.read(2L * offset, scratch, 0, n);
            }
            push(scratch, n);
            offset += n;
        }
    }

    private void push(short[] samples, int n) {
        int overflow = count + n - ring.length;
        if (overflow > 0) {
            // Cannot happen with the backlog rule (fragments are 10 ms); kept safe: drop the oldest and count it.
            head = (head + overflow) % ring.length;
            count -= overflow;
            discardedSamples += overflow;
        }
        int tail = (head + count) % ring.length;
        int first = Math.min(n, ring.length - tail);
        System.arraycopy(samples, 0, ring, tail, first);
        System.arraycopy(samples, first, ring, 0, n - first);
        count += n;
    }

    /** Capture thread: publishes discards and says so at WARN, at most every 10 s. */
    private void reportDiscards(long now) {
        long discarded = discardedSamples / SAMPLES_PER_MILLI;
        if (discarded == health.discardedMillis()) {
            return;
        }
        publish();
        if (discardLogged == 0 || now - lastDiscardLogNanos > LOG_EVERY_NANOS) {
            LOG.warn("PulseAudio microphone fell up to {} ms behind; discarded the oldest audio to catch up ({} ms"
                    + " discarded so far)", maxBacklogMillis, discarded);
            lastDiscardLogNanos = now;
            discardLogged = discarded;
        }
    }

    /** Capture thread: the server dropped audio for us (we were away for a second); says so once per change. */
    private void reportOverflows() {
        long total = overflows.get();
        if (total != overflowsLogged) {
            LOG.warn("PulseAudio microphone overflowed: the server dropped audio the reader did not take in time"
                    + " ({} times so far)", total);
            overflowsLogged = total;
        }
    }

    /** Capture thread: frees the failed stream and opens a new one, or waits a while (and says so, rate-limited). */
    private void reopen() {
        synchronized (connectionLock) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        try {
            Connection next = connect();
            synchronized (connectionLock) {
                if (closed) {
                    next.close();
                    return;
                }
                connection = next;
            }
            reopens++;
            broken = false;
            delivered = false;
            lastDataNanos = System.nanoTime();
            if (started) {
                next.uncork();
            }
            publish();
            LOG.warn("PulseAudio microphone stream opened again ({} re-opens so far)", reopens);
        } catch (AudioDeviceException e) {
            long now = System.nanoTime();
            if (lastReopenLogNanos == 0 || now - lastReopenLogNanos > LOG_EVERY_NANOS) {
                LOG.warn("No PulseAudio microphone ({}); trying again every {} ms", e.getMessage(),
                        RETRY_NANOS / 1_000_000L);
                lastReopenLogNanos = now;
            }
            // Callbacks of the failed stream may unpark this thread early: wait the whole while (or until closed).
            long until = System.nanoTime() + RETRY_NANOS;
            for (long left = RETRY_NANOS; left > 0 && !closed; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
        }
    }

    private void publish() {
        health = new InputHealth(reopens, DESCRIPTION, discardedSamples / SAMPLES_PER_MILLI);
    }

    /** Overflows the server reported (audio it dropped because the reader was away too long); thread-safe. */
    public long overflows() {
        return overflows.get();
    }

    @Override
    public InputHealth health() {
        return health;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (connectionLock) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        Thread thread = waiter;
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * One main loop, context and record stream (the same shape as {@link PulseOutput}'s). The callbacks are fields
     * so the garbage collector keeps them as long as the library may call them. Thread-safe: every call takes the
     * main loop's lock.
     */
    private static final class Connection {
        private final PulseAsync.Api api = PulseAsync.api();
        private final Pointer mainloop;
        private final PulseAsync.Notify contextState;
        private final PulseAsync.Notify streamState;
        private final PulseAsync.Request readRequest;
        private final PulseAsync.Notify overflow;
        private final PointerByReference peekData = new PointerByReference();
        private final NativeLongByReference peekBytes = new NativeLongByReference();
        private Pointer context;
        private Pointer stream;
        private boolean closed;

        private Connection(Runnable wake, Runnable overflowed) {
            contextState = (object, userdata) -> wake.run();
            streamState = (object, userdata) -> wake.run();
            readRequest = (object, size, userdata) -> wake.run();
            overflow = (object, userdata) -> overflowed.run();
            // The main loop's thread stays attached to the JVM (no attach per callback) and never keeps it alive.
            CallbackThreadInitializer init = new CallbackThreadInitializer(true, false, "pulse-input-loop");
            for (Object callback : new Object[] {contextState, streamState, readRequest, overflow}) {
                Native.setCallbackThreadInitializer((com.sun.jna.Callback) callback, init);
            }
            mainloop = api.pa_threaded_mainloop_new();
            if (mainloop == null) {
                throw new AudioDeviceException("PulseAudio main loop could not be created");
            }
        }

        static Connection open(Runnable wake, Runnable overflowed) {
            Connection c = new Connection(wake, overflowed);
            try {
                c.connect();
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private void connect() {
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                context = api.pa_context_new(api.pa_threaded_mainloop_get_api(mainloop), "Parley");
                if (context == null) {
                    throw new AudioDeviceException("PulseAudio context could not be created");
                }
                api.pa_context_set_state_callback(context, contextState, null);
                if (api.pa_context_connect(context, null, PulseAsync.PA_CONTEXT_NOAUTOSPAWN, null) < 0) {
                    throw new AudioDeviceException("No PulseAudio server: " + PulseAsync.describe(api.pa_context_errno(context)));
                }
                if (api.pa_threaded_mainloop_start(mainloop) < 0) {
                    throw new AudioDeviceException("PulseAudio main loop did not start");
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
            awaitState(() -> api.pa_context_get_state(context), PulseAsync.PA_CONTEXT_READY, "server connection");
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                stream = api.pa_stream_new(context, "Microphone", PulseAsync.mono48k(), null);
                if (stream == null) {
                    throw new AudioDeviceException("PulseAudio record stream could not be created: " + error());
                }
                api.pa_stream_set_state_callback(stream, streamState, null);
                api.pa_stream_set_read_callback(stream, readRequest, null);
                api.pa_stream_set_overflow_callback(stream, overflow, null);
                PulseAsync.BufferAttr attr = new PulseAsync.BufferAttr();
                attr.maxlength = MAX_LENGTH_MILLIS * BYTES_PER_MILLI;
                attr.fragsize = FRAGMENT_MILLIS * BYTES_PER_MILLI;
                // ADJUST_LATENCY: the fragment is the source's whole latency (the server sets the source to it).
                int flags = PulseAsync.PA_STREAM_ADJUST_LATENCY | PulseAsync.PA_STREAM_START_CORKED;
                if (api.pa_stream_connect_record(stream, null, attr, flags) < 0) {
                    throw new AudioDeviceException("PulseAudio capture did not connect: " + error());
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
            awaitState(() -> api.pa_stream_get_state(stream), PulseAsync.PA_STREAM_READY, "record stream");
            LOG.info("Opened PulseAudio capture with {} ms fragments", FRAGMENT_MILLIS);
        }

        /** Waits for a context or stream state (both enums: READY before FAILED before TERMINATED). */
        private void awaitState(java.util.function.IntSupplier state, int ready, String what) {
            long deadline = System.nanoTime() + CONNECT_NANOS;
            while (true) {
                int now;
                api.pa_threaded_mainloop_lock(mainloop);
                try {
                    now = state.getAsInt();
                } finally {
                    api.pa_threaded_mainloop_unlock(mainloop);
                }
                if (now == ready) {
                    return;
                }
                if (now > ready) {
                    throw new AudioDeviceException("PulseAudio " + what + " failed: " + error());
                }
                if (System.nanoTime() > deadline) {
                    throw new AudioDeviceException("PulseAudio " + what + " not ready after "
                            + CONNECT_NANOS / 1_000_000 + " ms");
                }
                LockSupport.parkNanos(2_000_000L);
            }
        }

        /** Starts the stream (it was connected corked). */
        synchronized void uncork() {
            if (closed) {
                return;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                Pointer op = api.pa_stream_cork(stream, 0, null, null);
                if (op != null) {
                    api.pa_operation_unref(op);
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
        }

        /**
         * Hands everything the stream holds to {@code input} ({@link PulseInput#beforeDrain} first, then each
         * fragment); returns the bytes taken (0: nothing there yet), or -1 when the stream failed.
         */
        synchronized int drain(PulseInput input) {
            if (closed) {
                return -1;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                if (api.pa_stream_get_state(stream) != PulseAsync.PA_STREAM_READY) {
                    return -1;
                }
                long readable = api.pa_stream_readable_size(stream).longValue();
                if (readable < 0) {
                    return -1;
                }
                if (readable == 0) {
                    return 0;
                }
                input.beforeDrain(readable);
                int taken = 0;
                while (true) {
                    if (api.pa_stream_peek(stream, peekData, peekBytes) < 0) {
                        return -1;
                    }
                    long bytes = peekBytes.getValue().longValue();
                    if (bytes <= 0) {
                        return taken;
                    }
                    input.fragment(peekData.getValue(), (int) bytes);
                    api.pa_stream_drop(stream);
                    taken += (int) bytes;
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
        }

        synchronized String error() {
            return context == null || closed ? "no context" : PulseAsync.describe(api.pa_context_errno(context));
        }

        synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                if (stream != null) {
                    api.pa_stream_set_state_callback(stream, null, null);
                    api.pa_stream_set_read_callback(stream, null, null);
                    api.pa_stream_set_overflow_callback(stream, null, null);
                    api.pa_stream_disconnect(stream);
                    api.pa_stream_unref(stream);
                }
                if (context != null) {
                    api.pa_context_set_state_callback(context, null, null);
                    api.pa_context_disconnect(context);
                    api.pa_context_unref(context);
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
            api.pa_threaded_mainloop_stop(mainloop);
            api.pa_threaded_mainloop_free(mainloop);
        }
    }
}
