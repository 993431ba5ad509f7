package dev.parley.client.ui.voice;

import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.OutputHealth;
import java.util.Optional;

/**
 * Turns the speaker's and the microphone's counters into the voice bar's quality indicator: says so when
 * playback just had dropouts ("Audio dropouts (3)") or a device was lost and the system default took over, and goes
 * quiet again once nothing has happened for a while. Not thread-safe: its owner confines it (the voice
 * bar's refresh lock).
 */
final class AudioHealthIndicator {

    static final long DROPOUT_SHOWN_NANOS = 10_000_000_000L;
    static final long REOPEN_SHOWN_NANOS = 30_000_000_000L;

    private OutputHealth last = OutputHealth.NONE;
    private long dropoutsAt = Long.MIN_VALUE;
    private long reopenAt = Long.MIN_VALUE;
    private long recentDropouts;
    private long micReopens;
    private long micReopenAt = Long.MIN_VALUE;

    /** The sentence to show now, or "" when all is well: the speaker's, else the microphone's. */
    String update(Optional<OutputHealth> speaker, Optional<InputHealth> microphone, long nowNanos) {
        String aboutSpeaker = update(speaker, nowNanos);
        long reopens = microphone.map(InputHealth::reopens).orElse(0L);
        if (reopens < micReopens) {
            micReopens = 0; // a new engine counts afresh
        }
        if (reopens > micReopens) {
            micReopenAt = nowNanos;
        }
        micReopens = reopens;
        if (!aboutSpeaker.isEmpty()) {
            return aboutSpeaker;
        }
        if (micReopenAt != Long.MIN_VALUE && nowNanos - micReopenAt < REOPEN_SHOWN_NANOS) {
            return "⚠ Microphone lost: now capturing from the system default";
        }
        return "";
    }

    /** The sentence about the speaker to show now, or "" when all is well. */
    String update(Optional<OutputHealth> current, long nowNanos) {
        if (current.isEmpty()) {
            last = OutputHealth.NONE;
            return "";
        }
        OutputHealth health = current.get();
        if (health.underruns() < last.underruns() || health.reopens() < last.reopens()) {
            last = OutputHealth.NONE; // a new engine started counting afresh
        }
        long newDropouts = health.underruns() - last.underruns();
        if (newDropouts > 0) {
            recentDropouts = nowNanos - dropoutsAt < DROPOUT_SHOWN_NANOS ? recentDropouts + newDropouts : newDropouts;
            dropoutsAt = nowNanos;
        }
        if (health.reopens() > last.reopens()) {
            reopenAt = nowNanos;
        }
        last = health;
        if (reopenAt != Long.MIN_VALUE && nowNanos - reopenAt < REOPEN_SHOWN_NANOS) {
            return AudioDevices.DEFAULT.equals(health.device())
                    ? "⚠ Speaker lost: now playing on the system default"
                    : "⚠ Speaker re-opened";
        }
        if (dropoutsAt != Long.MIN_VALUE && nowNanos - dropoutsAt < DROPOUT_SHOWN_NANOS) {
            return "⚠ Audio dropouts (" + recentDropouts + ")";
        }
        return "";
    }
}
