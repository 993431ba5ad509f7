package dev.parley.client.core.audio.real;

import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.voice.MicTest;
import dev.parley.client.core.voice.VoiceSettings;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: the core microphone test on the real default input and output for {@code seconds}
 * (always on, processing off so the comparison sees the codec and the devices only). Prints READY once
 * running. Args: seconds
 */
public final class MicTestProgram {

    public static void main(String[] args) {
        int seconds = Integer.parseInt(args[0]);
        JavaSoundDevices devices = new JavaSoundDevices();
        VoiceSettings settings = VoiceSettings.defaults().withTransmitMode(TransmitMode.ALWAYS_ON)
                .withProcessing(AudioProcessingSettings.allDisabled());
        MicTest test = MicTest.start(devices.openInput(AudioDevices.DEFAULT), devices.openOutput(AudioDevices.DEFAULT),
                settings);
        long ready = System.nanoTime() + 30_000_000_000L;
        while (!test.isCapturing() && System.nanoTime() < ready) {
            LockSupport.parkNanos(5_000_000L);
        }
        System.out.println("READY");
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        OutputHealth health = test.outputHealth();
        System.out.println("RESULT micDiscardedMs=" + test.inputHealth().discardedMillis());
        test.close();
        System.out.println("RESULT underruns=" + health.underruns());
        System.out.println("RESULT reopens=" + health.reopens());
        System.out.println("RESULT decoded=" + test.stats().map(s -> s.decodedFrames()).orElse(0L));
        System.out.println("RESULT stats=" + test.stats().map(Object::toString).orElse("none"));
    }
}
