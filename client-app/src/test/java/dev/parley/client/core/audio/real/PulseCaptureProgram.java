package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.InputHealth;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.audio.device.WavFileOutput;
import dev.parley.client.core.audio.pulse.PulseInput;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: the default microphone as the engine opens it ({@link JavaSoundDevices#openInput}, so
 * {@link PulseInput} where a server answers) read chunk by chunk on a capture thread for {@code seconds}, every
 * chunk kept and written to {@code out.wav} at the end. A stall of {@code stallMillis} is injected into the
 * reader (before its read) at each of the given times (ms of audio read). Prints READY once the first chunk
 * is in, then RESULT lines: chunks, the input's health, and the longest the reader was away between two reads
 * (injected stalls and whatever the machine added). Args: seconds out.wav [stallMillis stallAtMillis...]
 */
public final class PulseCaptureProgram {

    public static void main(String[] args) throws Exception {
        // The PulseAudio microphone is opt-in in the app; this program is its test.
        System.setProperty(JavaSoundDevices.INPUT_PROPERTY, "pulse");
        int seconds = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        long stallNanos = args.length > 2 ? Long.parseLong(args[2]) * 1_000_000L : 0;
        long[] stallAtChunk = new long[Math.max(0, args.length - 3)];
        for (int i = 3; i < args.length; i++) {
            stallAtChunk[i - 3] = Long.parseLong(args[i]) / PcmFormat.CHUNK_MILLIS;
        }
        AudioInput input = new JavaSoundDevices().openInput(AudioDevices.DEFAULT);
        short[][] all = new short[1][PcmFormat.SAMPLE_RATE * (seconds + 1)];
        long[] stats = new long[3]; // chunks, longest absence (ns), elapsed (ns)
        Thread capture = new Thread(() -> {
            input.start();
            short[] chunk = PcmFormat.newChunk();
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long first = 0;
            long last = 0;
            while (System.nanoTime() < end) {
                long away = System.nanoTime();
                for (long at : stallAtChunk) {
                    if (stats[0] == at) {
                        long until = System.nanoTime() + stallNanos;
                        while (System.nanoTime() < until) {
                            LockSupport.parkNanos(until - System.nanoTime());
                        }
                    }
                }
                if (!input.read(chunk)) {
                    break;
                }
                long now = System.nanoTime();
                if (stats[0] == 0) {
                    first = now;
                    System.out.println("READY");
                } else {
                    // From the end of the previous read to the end of this one, less what waiting for the device took
                    // is not separable: this is the reader's whole turn, injected stall included.
                    stats[1] = Math.max(stats[1], now - last);
                }
                last = now;
                int at = (int) stats[0] * chunk.length;
                if (at + chunk.length > all[0].length) {
                    all[0] = Arrays.copyOf(all[0], all[0].length * 2);
                }
                System.arraycopy(chunk, 0, all[0], at, chunk.length);
                stats[0]++;
                stats[2] = now - first;
            }
        }, "parley-capture");
        capture.setPriority(Thread.MAX_PRIORITY);
        capture.start();
        capture.join();
        InputHealth health = input.health();
        long overflows = input instanceof PulseInput pulse ? pulse.overflows() : -1;
        input.close();
        try (WavFileOutput wav = WavFileOutput.create(out)) {
            short[] chunk = PcmFormat.newChunk();
            for (long c = 0; c < stats[0]; c++) {
                System.arraycopy(all[0], (int) c * chunk.length, chunk, 0, chunk.length);
                wav.write(chunk);
            }
        }
        System.out.println("RESULT chunks=" + stats[0]);
        System.out.println("RESULT elapsedMs=" + stats[2] / 1_000_000L);
        System.out.println("RESULT longestTurnMs=" + stats[1] / 1_000_000L);
        System.out.println("RESULT device=" + input.description());
        System.out.println("RESULT reopens=" + health.reopens());
        System.out.println("RESULT discardedMs=" + health.discardedMillis());
        System.out.println("RESULT overflows=" + overflows);
    }
}
