package dev.parley.client.core.voice;

/** Source of monotonic time in nanoseconds; injected so voice timing is testable. Implementations are thread-safe. */
@FunctionalInterface
public interface MonotonicClock {

    long nanoTime();

    static MonotonicClock system() {
        return System::nanoTime;
    }
}
