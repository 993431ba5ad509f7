package dev.parley.client.core.audio.pulse;

import dev.parley.client.core.audio.AudioDeviceException;
import java.util.function.Supplier;

/**
 * Keeps the PulseAudio main loop's thread at the audio threads' priority. Every write request (playback) and read
 * notification (capture) passes through that thread, so left at a normal priority it is the one audio thread that
 * starves beside busy loops: the playback and capture threads wait for it. Two steps: {@link #open} creates it
 * from a top-priority thread (Linux gives a new thread its creator's nice value; the caller may be the UI or main
 * thread), and {@link #raiseMainLoopThread} raises it again from its callbacks, because JNA attaching it to the
 * JVM on the first callback left it at nice 0 (measured with -XX:ThreadPriorityPolicy=1 as root: {@code threaded-ml}
 * at 0 beside the playback thread at -5 with {@code open} alone, -5 with both). Thread-safe.
 */
final class AudioPriority {

    private AudioPriority() {
    }

    /**
     * Called on the main loop's thread from every callback: raises it to the audio threads' priority the first
     * time it gets there. Needed besides {@link #open}: JNA attaches the library's thread to the JVM on its first
     * callback, and the JVM then gives it a normal priority (seen: {@code threaded-ml} at nice 0 beside the
     * playback thread at -5). Cheap after the first call: one field read.
     */
    static void raiseMainLoopThread() {
        Thread current = Thread.currentThread();
        if (current.getPriority() != Thread.MAX_PRIORITY) {
            current.setPriority(Thread.MAX_PRIORITY);
        }
    }

    static <T> T open(Supplier<T> action) {
        Object[] result = new Object[1];
        Thread opener = new Thread(() -> {
            try {
                result[0] = action.get();
            } catch (RuntimeException | LinkageError e) {
                result[0] = e;
            }
        }, "parley-audio-open");
        opener.setDaemon(true);
        opener.setPriority(Thread.MAX_PRIORITY);
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AudioDeviceException("interrupted while connecting to PulseAudio", e);
        }
        if (result[0] instanceof RuntimeException e) {
            throw e;
        }
        if (result[0] instanceof LinkageError e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }
}
