package dev.parley.client.ui.call;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.AudioDevices;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the {@link RingTone} on the speakers voice uses, on a daemon thread of its own, so neither the UI
 * thread nor the client's event thread waits for a sound card. Without a sound card (or with one that
 * refuses a second stream) the call rings silently: the banner and the notification still say it, and the
 * problem is logged once. Thread-safe.
 */
public final class ToneRinger implements Ringer {
    private static final Logger log = LoggerFactory.getLogger(ToneRinger.class);

    private final Supplier<AudioOutput> open;
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final Object lock = new Object();
    /** The ring playing now, or null. */
    private Ring ringing;

    /** @param open opens the speakers; may throw when there are none */
    public ToneRinger(Supplier<AudioOutput> open) {
        this.open = open;
    }

    /** Rings on the chosen output device ({@code ""} for the system's default), else on the default one. */
    public static ToneRinger on(AudioDevices devices, Supplier<String> chosenOutput) {
        return new ToneRinger(() -> {
            String chosen = chosenOutput.get();
            List<String> names = chosen == null || chosen.isEmpty() || AudioDevices.DEFAULT.equals(chosen)
                    ? List.of(AudioDevices.DEFAULT) : List.of(chosen, AudioDevices.DEFAULT);
            RuntimeException last = null;
            for (String name : names) {
                try {
                    return devices.openOutput(name);
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            throw last;
        });
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (ringing != null) {
                return;
            }
            Ring ring = new Ring();
            ringing = ring;
            Thread thread = new Thread(ring, "parley-ringer");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @Override
    public void stop() {
        Ring ring;
        synchronized (lock) {
            ring = ringing;
            ringing = null;
        }
        if (ring != null) {
            ring.stop();
        }
    }

    /** Whether a ring is playing (or trying to). */
    public boolean ringing() {
        synchronized (lock) {
            return ringing != null;
        }
    }

    private void failed(Throwable e) {
        if (failureLogged.compareAndSet(false, true)) {
            log.warn("Cannot play the ring sound, calls ring silently: {}", e.toString());
        } else {
            log.debug("Ring sound still unavailable: {}", e.toString());
        }
    }

    /** One ring, from start to stop. */
    private final class Ring implements Runnable {
        private volatile boolean stopped;
        private volatile AudioOutput output;

        @Override
        public void run() {
            try {
                AudioOutput speakers = open.get();
                output = speakers;
                if (stopped) {
                    speakers.close();
                    return;
                }
                try (speakers) {
                    if (speakers.discards()) {
                        return; // no speakers: nothing to hear
                    }
                    play(speakers);
                }
            } catch (RuntimeException | LinkageError e) {
                // Thread boundary: a ring that cannot sound must never reach the UI or the call.
                failed(e);
            }
        }

        private void play(AudioOutput speakers) {
            int chunk = 0;
            while (!stopped) {
                int wanted = speakers.pacedByDevice() ? speakers.awaitDemand() : 1;
                for (int i = 0; i < wanted && !stopped; i++) {
                    speakers.write(RingTone.chunk(chunk++));
                }
                if (!speakers.pacedByDevice()) {
                    // An output that neither keeps time nor blocks: keep real time ourselves.
                    LockSupport.parkNanos(PcmFormat.CHUNK_NANOS);
                }
            }
        }

        void stop() {
            stopped = true;
            AudioOutput speakers = output;
            if (speakers != null) {
                speakers.close(); // unblocks a write or awaitDemand waiting for the device
            }
        }
    }
}
