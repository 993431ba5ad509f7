package dev.parley.client.ui.support;

import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.PcmFormat;
import dev.parley.client.core.audio.Signals;
import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.NullAudioOutput;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** A "microphone" that loops the committed speech recording at real-time pace; output discards. For demos. */
public final class SpeechDevices implements AudioDevices {
    private static final short[] SPEECH = Signals.speech48k();

    @Override
    public List<AudioDeviceInfo> inputs() {
        return List.of(new AudioDeviceInfo(DEFAULT, "Recorded speech"));
    }

    @Override
    public List<AudioDeviceInfo> outputs() {
        return inputs();
    }

    @Override
    public AudioInput openInput(String name) {
        return new LoopingSpeech();
    }

    @Override
    public AudioOutput openOutput(String name) {
        return new NullAudioOutput();
    }

    /** Capture thread only, except {@link #close()}. */
    public static final class LoopingSpeech implements AudioInput {
        private int position;
        private long next;
        private volatile boolean closed;

        @Override
        public void start() {
            next = System.nanoTime();
        }

        @Override
        public boolean read(short[] chunk) {
            PcmFormat.requireChunk(chunk);
            if (next == 0) {
                start();
            }
            next += PcmFormat.CHUNK_NANOS;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = SPEECH[position];
                position = (position + 1) % SPEECH.length;
            }
            return !closed;
        }

        @Override
        public String description() {
            return "recorded speech";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
