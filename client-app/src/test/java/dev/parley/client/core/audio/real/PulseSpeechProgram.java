package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.device.WavFileInput;
import dev.parley.client.core.audio.pulse.PulseOutput;
import dev.parley.client.core.voice.MonotonicClock;
import dev.parley.client.core.voice.mix.MixSource;
import dev.parley.client.core.voice.mix.Mixer;
import dev.parley.client.core.voice.playback.PlaybackLoop;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: a WAV file played by the real playback loop on {@link PulseOutput} (PulseAudio's own
 * API, the virtual speaker), as a speaker's decoded audio would be. Prints RESULT lines with the chunks
 * played and the output's health. Args: wav
 */
public final class PulseSpeechProgram {

    public static void main(String[] args) {
        PulseOutput output = PulseOutput.open();
        AudioInput file = WavFileInput.open(Path.of(args[0]));
        FileSource source = new FileSource(file);
        PlaybackLoop loop = new PlaybackLoop(new Mixer(() -> List.of(source)), output, chunk -> { },
                MonotonicClock.system());
        loop.start();
        System.out.println("READY");
        // The file, then half a second of silence so its end is out of the server's buffers too.
        while (!source.ended || loop.chunksPlayed() < source.chunks + 50) {
            LockSupport.parkNanos(20_000_000L);
        }
        loop.close();
        System.out.println("RESULT chunks=" + loop.chunksPlayed());
        System.out.println("RESULT fileChunks=" + source.chunks);
        System.out.println("RESULT underruns=" + output.health().underruns());
        System.out.println("RESULT reopens=" + output.health().reopens());
        System.out.println("RESULT device=" + output.description());
        System.out.println("RESULT bufferMillis=" + output.bufferMillis());
        output.close();
        file.close();
    }

    /** The file's chunks in order, then silence; playback thread. */
    private static final class FileSource implements MixSource {
        private final AudioInput file;
        private volatile boolean ended;
        private volatile long chunks;

        FileSource(AudioInput file) {
            this.file = file;
        }

        @Override
        public int speakerId() {
            return 1;
        }

        @Override
        public boolean read(short[] out, long nowNanos) {
            if (!ended && file.read(out)) {
                chunks++;
                return true;
            }
            ended = true;
            java.util.Arrays.fill(out, (short) 0);
            return false;
        }

        @Override
        public boolean isTalking() {
            return !ended;
        }
    }
}
