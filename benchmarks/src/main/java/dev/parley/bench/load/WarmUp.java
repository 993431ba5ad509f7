package dev.parley.bench.load;

import java.time.Duration;

/**
 * When a voice or chat run's warm window starts: once the server's JIT compiled nothing for {@code quiet},
 * but not before {@code minimum} of traffic and not after {@code maximum} (then the window says how much
 * the JIT still compiled). Servers without a JIT start it at {@code minimum}.
 */
record WarmUp(Duration minimum, Duration quiet, Duration maximum) {
}
