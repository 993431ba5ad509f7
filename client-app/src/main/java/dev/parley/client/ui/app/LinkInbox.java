package dev.parley.client.ui.app;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Links handed to the running app from outside (a second start, macOS's open-URI event) before and after
 * its window exists: held until {@link #deliverTo} names who takes them. Thread-safe (synchronized); the
 * consumer is called on the thread that offered the link, or on the caller of deliverTo for held ones.
 */
public final class LinkInbox {
    private final List<String> waiting = new ArrayList<>();
    private Consumer<String> consumer;

    /** A link ({@code ""}: none, just show the window). */
    public void offer(String link) {
        Consumer<String> target;
        synchronized (this) {
            if (consumer == null) {
                waiting.add(link);
                return;
            }
            target = consumer;
        }
        target.accept(link);
    }

    /** From now on links go to {@code target}; the ones that came earlier go there first. */
    public void deliverTo(Consumer<String> target) {
        List<String> earlier;
        synchronized (this) {
            consumer = target;
            earlier = List.copyOf(waiting);
            waiting.clear();
        }
        earlier.forEach(target);
    }
}
