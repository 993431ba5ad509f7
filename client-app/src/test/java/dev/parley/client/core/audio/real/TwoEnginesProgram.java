package dev.parley.client.core.audio.real;

import static dev.parley.client.core.support.Clients.await;

import dev.parley.client.core.audio.OutputHealth;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.JavaSoundDevices;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.dsp.AudioProcessingSettings;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.net.Credentials;
import dev.parley.client.core.support.Clients;
import dev.parley.client.core.support.TestRoom;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.core.voice.net.TransportStats;
import dev.parley.client.core.voice.net.VoicePath;
import dev.parley.protocol.control.message.Channels;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Child program: a real room (TLS control, UDP relay) and two full voice engines in one channel. Alice
 * speaks from the real default input (the virtual microphone); Bob plays on the real default output (the
 * virtual speaker). Alice's own speaker and Bob's microphone are null devices, so nothing else reaches
 * the sinks. Prints READY once both are on UDP. Args: seconds dataDir
 */
public final class TwoEnginesProgram {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        VoiceSettings listener = VoiceSettings.defaults().withTransmitMode(TransmitMode.PUSH_TO_TALK)
                .withProcessing(AudioProcessingSettings.allDisabled());
        VoiceSettings speaker = listener.withTransmitMode(TransmitMode.ALWAYS_ON);
        JavaSoundDevices devices = new JavaSoundDevices();
        try (TestRoom room = TestRoom.start(Path.of(args[1]))) {
            ControlClient admin = Clients.registered(room.port(), "admin");
            long channel = await(admin.request(new Channels.Create(null, "Games", null, null, null), Channels.Created.class))
                    .channel().id();
            ControlClient bobClient = guest(room, "bob", channel);
            ControlClient aliceClient = guest(room, "alice", channel);
            VoiceEngine bob = new VoiceEngine(bobClient, new NullAudioInput(), devices.openOutput(AudioDevices.DEFAULT),
                    listener);
            VoiceEngine alice = new VoiceEngine(aliceClient, devices.openInput(AudioDevices.DEFAULT), new NullAudioOutput(),
                    speaker);
            await(bob.start());
            await(alice.start());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(onUdp(bob) && onUdp(alice)) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(20_000_000L);
            }
            System.out.println("READY");
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                LockSupport.parkNanos(end - System.nanoTime());
            }
            OutputHealth health = bob.outputHealth();
            System.out.println("RESULT underruns=" + health.underruns());
            System.out.println("RESULT reopens=" + health.reopens());
            System.out.println("RESULT speakers=" + bob.speakerStats());
            alice.close();
            bob.close();
            aliceClient.close();
            bobClient.close();
            admin.close();
        }
    }

    private static boolean onUdp(VoiceEngine engine) {
        return engine.transportStats().map(TransportStats::path).orElse(null) == VoicePath.UDP;
    }

    private static ControlClient guest(TestRoom room, String name, long channel) throws Exception {
        ControlClient client = Clients.client(room.port());
        Clients.signIn(client, new Credentials.Guest(name, null));
        await(client.requestOk(new Channels.Join(channel, null)));
        return client;
    }
}
