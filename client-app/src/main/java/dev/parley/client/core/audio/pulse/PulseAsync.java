package dev.parley.client.core.audio.pulse;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.Optional;

/**
 * A small binding to PulseAudio's asynchronous API ({@code libpulse.so.0}, package libpulse0; PipeWire's pulse
 * server answers it too) through JNA: a threaded main loop, a context and one playback or record stream. Only
 * what {@link PulseOutput} and {@link PulseInput} need, which the simple API cannot give: the server's own
 * underflow and overflow notifications, changing the stream's buffer without re-opening it
 * ({@code pa_stream_set_buffer_attr}), asking how much may be written without blocking
 * ({@code pa_stream_writable_size}), and reading what a record stream has without blocking
 * ({@code pa_stream_peek} / {@code pa_stream_drop}).
 *
 * <p>Every {@code pa_stream_*} and {@code pa_context_*} call must hold the main loop's lock
 * ({@code pa_threaded_mainloop_lock}); callbacks run on the main loop's thread with that lock held.
 *
 * <p>Thread-safe: the library handle is loaded once.
 */
final class PulseAsync {

    static final int PA_CONTEXT_READY = 4;
    static final int PA_CONTEXT_FAILED = 5;
    static final int PA_CONTEXT_TERMINATED = 6;
    static final int PA_STREAM_READY = 2;
    static final int PA_STREAM_FAILED = 3;
    static final int PA_STREAM_TERMINATED = 4;
    /** {@code PA_CONTEXT_NOAUTOSPAWN}: never start a server of our own. */
    static final int PA_CONTEXT_NOAUTOSPAWN = 1;
    /** Connect a stream without starting it ({@code pa_stream_cork(…, 0, …)} starts it). */
    static final int PA_STREAM_START_CORKED = 0x0001;
    static final int PA_STREAM_INTERPOLATE_TIMING = 0x0002;
    static final int PA_STREAM_AUTO_TIMING_UPDATE = 0x0008;
    /** The buffer's {@code tlength} is the whole latency, the sink's included (what the simple API asks too). */
    static final int PA_STREAM_ADJUST_LATENCY = 0x2000;
    static final int PA_SEEK_RELATIVE = 0;
    static final int PA_SAMPLE_S16LE = 3;
    /** "Let the server choose" in {@code pa_buffer_attr}. */
    static final int DEFAULT = -1;

    /** {@code pa_sample_spec}. */
    @Structure.FieldOrder({"format", "rate", "channels"})
    public static final class SampleSpec extends Structure {
        public int format;
        public int rate;
        public byte channels;
    }

    /** {@code pa_buffer_attr}, all in bytes; {@link #DEFAULT} lets the server choose. */
    @Structure.FieldOrder({"maxlength", "tlength", "prebuf", "minreq", "fragsize"})
    public static final class BufferAttr extends Structure {
        public int maxlength = DEFAULT;
        public int tlength = DEFAULT;
        public int prebuf = DEFAULT;
        public int minreq = DEFAULT;
        public int fragsize = DEFAULT;
    }

    static SampleSpec mono48k() {
        SampleSpec spec = new SampleSpec();
        spec.format = PA_SAMPLE_S16LE;
        spec.rate = 48_000;
        spec.channels = 1;
        return spec;
    }

    /** {@code pa_context_notify_cb_t} and {@code pa_stream_notify_cb_t}. */
    interface Notify extends Callback {
        void invoke(Pointer object, Pointer userdata);
    }

    /** {@code pa_stream_request_cb_t}. */
    interface Request extends Callback {
        void invoke(Pointer stream, NativeLong bytes, Pointer userdata);
    }

    /** The functions used (see pulse/thread-mainloop.h, context.h, stream.h). */
    interface Api extends Library {
        Pointer pa_threaded_mainloop_new();

        int pa_threaded_mainloop_start(Pointer mainloop);

        void pa_threaded_mainloop_stop(Pointer mainloop);

        void pa_threaded_mainloop_free(Pointer mainloop);

        void pa_threaded_mainloop_lock(Pointer mainloop);

        void pa_threaded_mainloop_unlock(Pointer mainloop);

        Pointer pa_threaded_mainloop_get_api(Pointer mainloop);

        Pointer pa_context_new(Pointer api, String name);

        void pa_context_set_state_callback(Pointer context, Notify callback, Pointer userdata);

        int pa_context_connect(Pointer context, String server, int flags, Pointer spawnApi);

        int pa_context_get_state(Pointer context);

        int pa_context_errno(Pointer context);

        void pa_context_disconnect(Pointer context);

        void pa_context_unref(Pointer context);

        Pointer pa_stream_new(Pointer context, String name, SampleSpec spec, Pointer channelMap);

        void pa_stream_set_state_callback(Pointer stream, Notify callback, Pointer userdata);

        void pa_stream_set_write_callback(Pointer stream, Request callback, Pointer userdata);

        void pa_stream_set_underflow_callback(Pointer stream, Notify callback, Pointer userdata);

        int pa_stream_connect_playback(Pointer stream, String device, BufferAttr attr, int flags,
                Pointer volume, Pointer syncStream);

        int pa_stream_get_state(Pointer stream);

        void pa_stream_set_read_callback(Pointer stream, Request callback, Pointer userdata);

        void pa_stream_set_overflow_callback(Pointer stream, Notify callback, Pointer userdata);

        int pa_stream_connect_record(Pointer stream, String device, BufferAttr attr, int flags);

        /** Data is NULL with nbytes 0 when nothing is there, NULL with nbytes > 0 for a hole (drop it too). */
        int pa_stream_peek(Pointer stream, PointerByReference data, NativeLongByReference nbytes);

        int pa_stream_drop(Pointer stream);

        NativeLong pa_stream_readable_size(Pointer stream);

        Pointer pa_stream_cork(Pointer stream, int cork, Pointer callback, Pointer userdata);

        NativeLong pa_stream_writable_size(Pointer stream);

        int pa_stream_write(Pointer stream, byte[] data, NativeLong bytes, Pointer freeCallback, long offset, int seek);

        Pointer pa_stream_set_buffer_attr(Pointer stream, BufferAttr attr, Pointer callback,
                Pointer userdata);

        int pa_stream_get_latency(Pointer stream, LongByReference micros, IntByReference negative);

        int pa_stream_disconnect(Pointer stream);

        void pa_stream_unref(Pointer stream);

        void pa_operation_unref(Pointer operation);

        String pa_strerror(int error);
    }

    private static final Loaded LOADED = load();

    private record Loaded(Api api, String failure) {
    }

    private PulseAsync() {
    }

    private static Loaded load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return new Loaded(null, "PulseAudio output is used on Linux only");
        }
        try {
            return new Loaded(Native.load("pulse", Api.class), null);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new Loaded(null, "libpulse.so.0 did not load (apt-get install libpulse0): " + e.getMessage());
        }
    }

    /** Why the library cannot be used here, or empty when it loaded. */
    static Optional<String> unavailable() {
        return Optional.ofNullable(LOADED.failure());
    }

    static Api api() {
        if (LOADED.api() == null) {
            throw new IllegalStateException(LOADED.failure());
        }
        return LOADED.api();
    }

    static String describe(int error) {
        try {
            return api().pa_strerror(error) + " (" + error + ")";
        } catch (RuntimeException | LinkageError e) {
            return "PulseAudio error " + error;
        }
    }
}
