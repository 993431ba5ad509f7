package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.mix.MixSource;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.playback.PlaybackLoop;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: plays a continuous 440 Hz tone on the real default output through the real
 * {@link PlaybackLoop} for {@code seconds}, with a stall of {@code stallMillis} injected into the playback
 * thread (inside the mixer's pull) at each of the given times. The tone's phase follows the number of
 * samples pulled, so a recording shows every gap the device made, and nothing is skipped by the source.
 * Args: seconds stallMillis stallAtMillis...
 */
public final class PlaybackStallProgram {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        long stallNanos = Long.parseLong(args[1]) * 1_000_000L;
        long[] stallAtChunk = new long[args.length - 2];
        for (int i = 2; i < args.length; i++) {
            stallAtChunk[i - 2] = Long.parseLong(args[i]) / 10;
        }
        AudioOutput output = new JavaSoundDevices().openOutput(AudioDevices.DEFAULT);
        Tone tone = new Tone(stallAtChunk, stallNanos);
        Mixer mixer = new Mixer(() -> List.of(tone));
        PlaybackLoop loop = new PlaybackLoop(mixer, output, chunk -> { }, MonotonicClock.system());
        loop.start();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        loop.close();
        OutputHealth health = output.health();
        output.close();
        System.out.println("RESULT underruns=" + health.underruns());
        System.out.println("RESULT refills=" + health.refillChunks());
        System.out.println("RESULT reopens=" + health.reopens());
        System.out.println("RESULT cushion=" + health.cushionMillis());
        System.out.println("RESULT chunks=" + loop.chunksPlayed());
    }

    /** Playback thread only. */
    private static final class Tone implements MixSource {
        private final long[] stallAtChunk;
        private final long stallNanos;
        private long chunk;
        private long sample;

        Tone(long[] stallAtChunk, long stallNanos) {
            this.stallAtChunk = stallAtChunk;
            this.stallNanos = stallNanos;
        }

        @Override
        public int speakerId() {
            return 1;
        }

        @Override
        public boolean read(short[] out, long nowNanos) {
            for (long at : stallAtChunk) {
                if (chunk == at) {
                    long end = System.nanoTime() + stallNanos;
                    while (System.nanoTime() < end) {
                        LockSupport.parkNanos(end - System.nanoTime());
                    }
                }
            }
            chunk++;
            for (int i = 0; i < out.length; i++) {
                out[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * sample++ / 48_000.0));
            }
            return true;
        }

        @Override
        public boolean isTalking() {
            return true;
        }
    }
}
