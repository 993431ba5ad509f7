package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.mix.MixSource;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.playback.PlaybackLoop;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: the device part of mouth-to-ear on its own. The real default input (the virtual
 * microphone) read by a capture thread as the engine reads it, handed straight to the real playback loop
 * on the real default output (the virtual speaker) — no codec, network or jitter buffer; the hand-over
 * keeps at most one chunk waiting (what a jitter buffer on a perfect link would do). What the benchmark
 * measures through this is capture line + playback cushion + the sound server's own buffers.
 * Prints READY once both run. Args: seconds [pulse]
 */
public final class DeviceLoopProgram {

    public static void main(String[] args) {
        int seconds = Integer.parseInt(args[0]);
        JavaSoundDevices devices = new JavaSoundDevices();
        AudioInput input = devices.openInput(AudioDevices.DEFAULT);
        // "pulse": play through PulseOutput (PulseAudio's own API); otherwise the default speaker as -Dparley.audio.output says.
        AudioOutput output = args.length > 1 && "pulse".equals(args[1])
                ? dev.parley.client.core.audio.pulse.PulseOutput.open() : devices.openOutput(AudioDevices.DEFAULT);
        Handover handover = new Handover();
        Thread capture = new Thread(() -> {
            input.start();
            short[] chunk = PcmFormat.newChunk();
            while (input.read(chunk)) {
                handover.offer(chunk.clone());
            }
        }, "parley-capture");
        capture.setDaemon(true);
        capture.setPriority(Thread.MAX_PRIORITY);
        capture.start();
        PlaybackLoop loop = new PlaybackLoop(new Mixer(() -> List.of(handover)), output, chunk -> { },
                MonotonicClock.system());
        loop.start();
        System.out.println("READY");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        loop.close();
        input.close();
        System.out.println("RESULT underruns=" + output.health().underruns());
        System.out.println("RESULT reopens=" + output.health().reopens());
        System.out.println("RESULT trimmed=" + handover.trimmed);
        output.close();
    }

    /** Capture thread offers, playback thread reads; keeps the newest chunk only beyond one waiting. */
    private static final class Handover implements MixSource {
        private final ArrayBlockingQueue<short[]> queue = new ArrayBlockingQueue<>(64);
        private volatile long trimmed;

        void offer(short[] chunk) {
            if (!queue.offer(chunk)) {
                queue.poll();
                queue.offer(chunk);
            }
        }

        @Override
        public int speakerId() {
            return 1;
        }

        @Override
        public boolean read(short[] out, long nowNanos) {
            while (queue.size() > 2) {
                queue.poll();
                trimmed++;
            }
            short[] chunk = queue.poll();
            if (chunk == null) {
                java.util.Arrays.fill(out, (short) 0);
                return false;
            }
            System.arraycopy(chunk, 0, out, 0, out.length);
            return true;
        }

        @Override
        public boolean isTalking() {
            return true;
        }
    }
}
