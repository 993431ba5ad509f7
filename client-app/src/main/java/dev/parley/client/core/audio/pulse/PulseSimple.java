package dev.parley.client.core.audio.pulse;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import java.util.Optional;

/**
 * A small binding to PulseAudio's simple API ({@code libpulse-simple.so.0}, package libpulse0; PipeWire's
 * pulse server answers it too), through JNA. Only what Parley's audio needs: open a 48 kHz mono 16-bit
 * stream with explicit buffer sizes, write, read, ask the latency, free.
 *
 * <p>Why not javax.sound: through the ALSA pulse plugin Java Sound gets 1,024-frame (21 ms) periods and
 * sees the stream's position only in those steps, so the device part of mouth-to-ear could not go below
 * about 55 ms (docs/BENCHMARKS.md). Here the stream's {@code tlength} (playback) and {@code fragsize}
 * (capture) are ours to choose.
 *
 * <p>Thread-safe: the library handle is loaded once; streams are not shared.
 */
public final class PulseSimple {

    static final int PA_STREAM_PLAYBACK = 1;
    static final int PA_STREAM_RECORD = 2;
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

    /** The simple API's functions (see pulse/simple.h). */
    interface Api extends Library {
        Pointer pa_simple_new(String server, String name, int dir, String dev, String streamName, SampleSpec spec,
                Pointer channelMap, BufferAttr attr, IntByReference error);

        int pa_simple_write(Pointer stream, byte[] data, NativeLong bytes, IntByReference error);

        int pa_simple_read(Pointer stream, byte[] data, NativeLong bytes, IntByReference error);

        long pa_simple_get_latency(Pointer stream, IntByReference error);

        int pa_simple_flush(Pointer stream, IntByReference error);

        void pa_simple_free(Pointer stream);
    }

    /** {@code pa_strerror} lives in libpulse itself. */
    interface Errors extends Library {
        String pa_strerror(int error);
    }

    private static final Loaded LOADED = load();

    private record Loaded(Api api, Errors errors, String failure) {
    }

    private PulseSimple() {
    }

    private static Loaded load() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return new Loaded(null, null, "PulseAudio's simple API is used on Linux only");
        }
        try {
            Api api = Native.load("pulse-simple", Api.class);
            Errors errors = Native.load("pulse", Errors.class);
            return new Loaded(api, errors, null);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new Loaded(null, null, "libpulse-simple.so.0 did not load (apt-get install libpulse0): " + e.getMessage());
        }
    }

    /** Why the library cannot be used here, or empty when it loaded. */
    public static Optional<String> unavailable() {
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
            return LOADED.errors().pa_strerror(error) + " (" + error + ")";
        } catch (RuntimeException | LinkageError e) {
            return "PulseAudio error " + error;
        }
    }

    static SampleSpec mono48k() {
        SampleSpec spec = new SampleSpec();
        spec.format = PA_SAMPLE_S16LE;
        spec.rate = 48_000;
        spec.channels = 1;
        return spec;
    }

}
