package dev.parley.client.core;

/** A registered listener; close it to stop listening. Closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
