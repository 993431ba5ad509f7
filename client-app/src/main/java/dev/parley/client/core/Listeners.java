package dev.parley.client.core;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners of one kind. Registering and closing are thread-safe; {@link #fire} calls each listener
 * in registration order on the caller's thread, and one failing listener does not stop the others.
 */
public final class Listeners<T> {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<Consumer<? super T>> listeners = new CopyOnWriteArrayList<>();

    public Subscription add(Consumer<? super T> listener) {
        Objects.requireNonNull(listener, "listener");
        // Wrap so that adding the same lambda twice gives two independent subscriptions.
        Consumer<? super T> entry = listener::accept;
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    public void fire(T value) {
        for (Consumer<? super T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                log.error("A listener failed on {}", value.getClass().getSimpleName(), e);
            }
        }
    }

    public boolean isEmpty() {
        return listeners.isEmpty();
    }
}
