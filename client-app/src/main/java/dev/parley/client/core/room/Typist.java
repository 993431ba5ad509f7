package dev.parley.client.core.room;

/** Someone typing, until {@code expiresAtMillis} on the state's monotonic clock unless they type again. */
public record Typist(long userId, String name, long expiresAtMillis) {
}
