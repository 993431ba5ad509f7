package dev.parley.client.core.audio.pulse;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.PcmFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playback on the default PulseAudio sink through the asynchronous API, with a stream buffer that adapts to
 * what the server reports: it starts at {@link #START_MILLIS} ms ({@code tlength}, the whole latency with
 * the sink's own included), grows when the server says the stream ran dry (its underflow notification), and
 * shrinks one step (down to {@link #MIN_MILLIS} ms) after a calm period without one, while the audio is quiet
 * ({@link BufferPolicy}).
 * The buffer changes in place ({@code pa_stream_set_buffer_attr}): nothing queued is lost.
 *
 * <p>Paced by the device: {@link #awaitDemand()} waits until the server has room for a chunk (it wakes on the
 * server's write request) and returns how many fit, so after an underrun the loop refills the grown buffer
 * at once (the server holds a dry stream until its pre-buffer is full again). Writes never block: they only
 * copy into the stream's queue. A wait that gets no room for {@link #STUCK_NANOS} (the server stopped
 * taking audio) or a stream the server failed are re-opened on the next demand.
 *
 * <p>Threading: see {@link AudioOutput}; everything but {@link #close()} and {@link #health()} is the
 * playback thread's. The server's callbacks run on the library's main-loop thread and only count and wake.
 */
public final class PulseOutput implements AudioOutput {

    private static final Logger LOG = LoggerFactory.getLogger(PulseOutput.class);
    /** The smallest buffer: two chunks, so one can be written while the other plays. */
    static final int MIN_MILLIS = 20;
    /**
     * Where a stream starts: the first seconds of a call (a JVM still compiling, engines starting) are when
     * a small buffer runs dry most (20 ms ran dry 4 times in 10 s on an idle CI machine), and a gap then
     * costs more than 20 ms of delay that the calm period takes back a few seconds later.
     */
    public static final int START_MILLIS = 40;
    /** The largest: javax.sound's whole line; beyond it a gap is better than the delay. */
    static final int MAX_MILLIS = 120;
    /** Calm before the first step down; doubles with every underrun ({@link BufferPolicy}). */
    static final long CALM_NANOS = 4_000_000_000L;
    private static final long STUCK_NANOS = 500_000_000L;
    /**
     * How long a new stream may take to start draining before it is re-opened. On a quiet machine every first
     * stream took more than 500 ms (the sink waking from its idle suspend, we think: a second stream right
     * after drained at once, and starting it by hand with pa_stream_trigger did not help).
     */
    private static final long FIRST_DRAIN_NANOS = 3_000_000_000L;
    private static final long CONNECT_NANOS = 3_000_000_000L;
    private static final long RETRY_NANOS = 500_000_000L;
    /** A chunk whose peak is under this is quiet enough to hide a buffer step in (about -54 dBFS). */
    private static final int QUIET_PEAK = 64;
    private static final int BYTES_PER_MILLI = PcmFormat.SAMPLE_RATE * 2 / 1000;
    private static final int CHUNK_BYTES = PcmFormat.CHUNK_SAMPLES * 2;
    private static final int MAX_DEMAND = MAX_MILLIS / PcmFormat.CHUNK_MILLIS;
    public static final String DESCRIPTION = "default (PulseAudio)";

    private final byte[] bytes = new byte[CHUNK_BYTES];
    private final BufferPolicy policy;
    /** Counted by the main loop's thread, read by the playback thread and {@link #health()}. */
    private final AtomicLong underflows = new AtomicLong();
    /** Bumped by every callback; the playback thread parks until it moves. */
    private final AtomicLong events = new AtomicLong();
    private final Object connectionLock = new Object();
    private volatile Thread waiter;
    private volatile boolean closed;
    private volatile OutputHealth health;
    private Connection connection;
    private boolean broken;
    private long underflowsSeen;
    private long refillChunks;
    private long reopens;
    private long growths;

    private PulseOutput(int startMillis) {
        policy = new BufferPolicy(startMillis, MIN_MILLIS, MAX_MILLIS, CALM_NANOS);
        health = new OutputHealth(0, 0, 0, startMillis, DESCRIPTION);
    }

    /**
     * Opens a playback stream on the default sink of the server libpulse finds (PULSE_SERVER, the user's
     * session); never starts a server.
     *
     * @throws AudioDeviceException when the library is missing or no server answers
     */
    public static PulseOutput open() {
        PulseOutput output = new PulseOutput(START_MILLIS);
        output.connection = output.connect();
        return output;
    }

    /** Why PulseAudio playback cannot be used on this machine at all (no library), or empty. */
    public static java.util.Optional<String> unavailable() {
        return PulseAsync.unavailable();
    }

    private Connection connect() {
        try {
            // The main loop's thread takes its nice value from the thread that creates it (AudioPriority).
            int millis = policy.targetMillis();
            return AudioPriority.open(() -> Connection.open(millis, this::wake, this::underflow));
        } catch (IllegalStateException | LinkageError e) {
            throw new AudioDeviceException("PulseAudio playback unavailable: " + e.getMessage(), e);
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
    private void underflow() {
        underflows.incrementAndGet();
        wake();
    }

    @Override
    public boolean pacedByDevice() {
        return true;
    }

    @Override
    public int awaitDemand() {
        waiter = Thread.currentThread();
        while (!closed && broken) {
            reopen();
        }
        if (closed) {
            return 1;
        }
        boolean ranDry = adaptToUnderflows();
        long waitStart = System.nanoTime();
        long deadline = waitStart + STUCK_NANOS;
        while (!closed) {
            long seen = events.get();
            Connection c = connection;
            if (c == null) {
                return 1;
            }
            int writable = c.writableBytes();
            if (writable < 0) {
                LOG.warn("PulseAudio playback stream failed: {}", c.error());
                broken = true;
                return 1;
            }
            if (writable >= CHUNK_BYTES) {
                if (c.written > 0) {
                    c.drained = true;
                }
                int demand = Math.min(MAX_DEMAND, writable / CHUNK_BYTES);
                if (ranDry && demand > 1) {
                    refillChunks += demand - 1;
                }
                publish();
                return demand;
            }
            long now = System.nanoTime();
            // A new stream's sink may be waking from suspend: its first drain gets longer before it counts as stuck.
            long left = (c.drained ? deadline : waitStart + FIRST_DRAIN_NANOS) - now;
            if (left <= 0) {
                LOG.warn("PulseAudio took no audio for {} ms; opening the stream again", STUCK_NANOS / 1_000_000);
                broken = true;
                return 1;
            }
            // The server's write request (or any state change) unparks; the bound only covers a missed one.
            if (events.get() == seen) {
                LockSupport.parkNanos(Math.min(left, 10_000_000L));
            }
        }
        return 1;
    }

    /** Playback thread: grows the buffer for every underflow the server reported since the last look. */
    private boolean adaptToUnderflows() {
        long total = underflows.get();
        if (total == underflowsSeen) {
            return false;
        }
        long now = System.nanoTime();
        int before = policy.targetMillis();
        boolean changed = false;
        for (long i = underflowsSeen; i < total; i++) {
            changed |= policy.underrun(now);
        }
        underflowsSeen = total;
        Connection c = connection;
        if (changed && c != null) {
            growths++;
            long latency = c.latencyMicros();
            c.setBuffer(policy.targetMillis());
            LOG.info("PulseAudio playback ran dry ({} times so far; latency {} ms): buffer {} -> {} ms", total,
                    latency < 0 ? "?" : latency / 1_000, before, policy.targetMillis());
        }
        return true;
    }

    @Override
    public void write(short[] chunk) {
        PcmFormat.requireChunk(chunk);
        if (closed || broken) {
            return;
        }
        int peak = 0;
        for (int i = 0; i < chunk.length; i++) {
            short s = chunk[i];
            bytes[2 * i] = (byte) s;
            bytes[2 * i + 1] = (byte) (s >> 8);
            peak = Math.max(peak, Math.abs(s));
        }
        Connection c = connection;
        if (c == null) {
            return;
        }
        if (policy.tick(System.nanoTime(), peak < QUIET_PEAK)) {
            c.setBuffer(policy.targetMillis());
            LOG.info("PulseAudio playback calm: buffer down to {} ms", policy.targetMillis());
        }
        if (!c.write(bytes)) {
            if (closed) {
                return;
            }
            LOG.warn("PulseAudio playback failed: {}", c.error());
            broken = true;
        }
    }

    /** Playback thread: frees the failed stream and opens a new one, or waits a while and says so. */
    private void reopen() {
        synchronized (connectionLock) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }
        reopens++;
        try {
            Connection next = connect();
            synchronized (connectionLock) {
                if (closed) {
                    next.close();
                    return;
                }
                connection = next;
            }
            broken = false;
            underflowsSeen = underflows.get();
            publish();
        } catch (AudioDeviceException e) {
            publish();
            LockSupport.parkNanos(RETRY_NANOS);
            if (!closed) {
                throw e;
            }
        }
    }

    private void publish() {
        health = new OutputHealth(underflows.get(), refillChunks, reopens, policy.targetMillis(), DESCRIPTION);
    }

    /** The stream's buffer now, in ms (for tests and diagnostics); thread-safe. */
    public int bufferMillis() {
        return health.cushionMillis();
    }

    /** How often the buffer grew after underruns; playback thread. */
    long growths() {
        return growths;
    }

    @Override
    public OutputHealth health() {
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
     * One main loop, context and playback stream. The callbacks are fields so the garbage collector keeps
     * them as long as the library may call them. Thread-safe: every call takes the main loop's lock.
     */
    private static final class Connection {
        private final PulseAsync.Api api = PulseAsync.api();
        private final Pointer mainloop;
        private final PulseAsync.Notify contextState;
        private final PulseAsync.Notify streamState;
        private final PulseAsync.Request writeRequest;
        private final PulseAsync.Notify underflow;
        private Pointer context;
        private Pointer stream;
        private boolean closed;

        private Connection(Runnable wake, Runnable underflowed) {
            contextState = (object, userdata) -> wake.run();
            streamState = (object, userdata) -> wake.run();
            writeRequest = (object, size, userdata) -> wake.run();
            underflow = (object, userdata) -> underflowed.run();
            // The main loop's thread stays attached to the JVM (no attach per callback) and never keeps it alive.
            CallbackThreadInitializer init = new CallbackThreadInitializer(true, false, "pulse-output-loop");
            for (Object callback : new Object[] {contextState, streamState, writeRequest, underflow}) {
                Native.setCallbackThreadInitializer((com.sun.jna.Callback) callback, init);
            }
            mainloop = api.pa_threaded_mainloop_new();
            if (mainloop == null) {
                throw new AudioDeviceException("PulseAudio main loop could not be created");
            }
        }

        static Connection open(int bufferMillis, Runnable wake, Runnable underflowed) {
            Connection c = new Connection(wake, underflowed);
            try {
                c.connect(bufferMillis);
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }

        private void connect(int bufferMillis) {
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
                stream = api.pa_stream_new(context, "Voice", PulseAsync.mono48k(), null);
                if (stream == null) {
                    throw new AudioDeviceException("PulseAudio stream could not be created: " + error());
                }
                api.pa_stream_set_state_callback(stream, streamState, null);
                api.pa_stream_set_write_callback(stream, writeRequest, null);
                api.pa_stream_set_underflow_callback(stream, underflow, null);
                int flags = PulseAsync.PA_STREAM_INTERPOLATE_TIMING | PulseAsync.PA_STREAM_AUTO_TIMING_UPDATE
                        | PulseAsync.PA_STREAM_ADJUST_LATENCY;
                if (api.pa_stream_connect_playback(stream, null, attr(bufferMillis), flags, null, null) < 0) {
                    throw new AudioDeviceException("PulseAudio playback did not connect: " + error());
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
            awaitState(() -> api.pa_stream_get_state(stream), PulseAsync.PA_STREAM_READY, "playback stream");
            LOG.info("Opened PulseAudio playback with a {} ms stream buffer (adapts between {} and {} ms)", bufferMillis,
                    MIN_MILLIS, MAX_MILLIS);
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

        private static PulseAsync.BufferAttr attr(int bufferMillis) {
            PulseAsync.BufferAttr attr = new PulseAsync.BufferAttr();
            attr.tlength = bufferMillis * BYTES_PER_MILLI;
            attr.minreq = CHUNK_BYTES;
            // Start (and restart after an underrun) as soon as a chunk is there: the loop writes the rest of the
            // buffer at once anyway. With the default (prebuf = tlength) a tlength the server rounded to a size
            // that is not a whole number of chunks could never be filled, and the stream never started (seen:
            // "took no audio for 500 ms" at open, at load 30).
            attr.prebuf = CHUNK_BYTES;
            return attr;
        }

        /** Bytes the stream takes now without growing past its buffer, or -1 when it failed. */
        synchronized int writableBytes() {
            if (closed) {
                return -1;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                if (api.pa_stream_get_state(stream) != PulseAsync.PA_STREAM_READY) {
                    return -1;
                }
                long writable = api.pa_stream_writable_size(stream).longValue();
                return writable < 0 || writable > Integer.MAX_VALUE ? -1 : (int) writable;
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
        }

        /** Chunks queued on this stream; playback thread only. */
        int written;
        /** Whether the server has taken audio from this stream since it was opened; playback thread only. */
        boolean drained;

        /** Queues one chunk (the library copies it); false when the stream failed. */
        synchronized boolean write(byte[] data) {
            if (closed) {
                return false;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                boolean queued = api.pa_stream_write(stream, data, new NativeLong(data.length), null, 0,
                        PulseAsync.PA_SEEK_RELATIVE) == 0;
                if (queued) {
                    written++;
                }
                return queued;
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
        }

        /** Asks the server for a new buffer size; it applies it without losing anything queued. */
        synchronized void setBuffer(int bufferMillis) {
            if (closed) {
                return;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                Pointer op = api.pa_stream_set_buffer_attr(stream, attr(bufferMillis), null, null);
                if (op != null) {
                    api.pa_operation_unref(op);
                }
            } finally {
                api.pa_threaded_mainloop_unlock(mainloop);
            }
        }

        /** The latency the server reports (queued audio and the sink's own), in µs, or -1 without timing data yet. */
        synchronized long latencyMicros() {
            if (closed) {
                return -1;
            }
            api.pa_threaded_mainloop_lock(mainloop);
            try {
                LongByReference micros = new LongByReference();
                IntByReference negative = new IntByReference();
                if (api.pa_stream_get_latency(stream, micros, negative) < 0) {
                    return -1;
                }
                return negative.getValue() != 0 ? 0 : micros.getValue();
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
                    api.pa_stream_set_write_callback(stream, null, null);
                    api.pa_stream_set_underflow_callback(stream, null, null);
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
