package dev.parley.server.voice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.OpenResult;
import dev.parley.protocol.voice.VoiceChallenge;
import dev.parley.protocol.voice.VoiceDirection;
import dev.parley.protocol.voice.VoiceHello;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.protocol.voice.VoiceLink;
import dev.parley.protocol.voice.VoiceWire;
import dev.parley.server.support.Rooms.SignedIn;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A signed-in user's voice endpoint for tests against a real room: starts voice, binds a UDP socket on
 * loopback through the relay's challenge, and speaks and listens with real sealed datagrams.
 */
public final class UdpSpeaker implements AutoCloseable {
    public final SignedIn control;
    public final Voice.Ready ready;
    final VoiceLink link;
    final DatagramSocket udp;
    int sequence;

    public UdpSpeaker(SignedIn signedIn) throws Exception {
        control = signedIn;
        ready = control.client().expect(new Voice.Start(), Voice.Ready.class);
        link = new VoiceLink(ready.sessionId(), VoiceKey.fromBase64(ready.key()), VoiceDirection.CLIENT_TO_SERVER);
        udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        udp.setSoTimeout(300);
        send(link.seal(new VoiceHello(42)));
        OpenResult.Opened challenge = receive();
        assertThat(challenge).as("relay challenges the new address").isNotNull();
        send(link.seal(new VoiceHello(42, ((VoiceChallenge) challenge.body()).cookie())));
        assertThat(receive()).as("relay echoes the hello").isNotNull();
    }

    public void send(byte[] datagram) throws Exception {
        udp.send(new DatagramPacket(datagram, datagram.length, InetAddress.getLoopbackAddress(), ready.udpPort()));
    }

    public void speak(byte[] opus, boolean last) throws Exception {
        speakTo(0, opus, last);
    }

    /** A frame to voice target {@code target} (0: the channel, 1..30: a whisper target). */
    public void speakTo(int target, byte[] opus, boolean last) throws Exception {
        send(link.seal(new AudioFrame(ready.sessionId(), ++sequence, sequence * 960,
                AudioFrame.flags(last, target), opus)));
    }

    /** The next packet the relay sends us, opened; null when nothing comes. */
    public OpenResult.Opened receive() throws Exception {
        byte[] buffer = new byte[VoiceWire.MAX_DATAGRAM_BYTES + 1];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            udp.receive(packet);
        } catch (SocketTimeoutException nothing) {
            return null;
        }
        OpenResult result = link.open(Arrays.copyOf(buffer, packet.getLength()));
        assertThat(result).isInstanceOf(OpenResult.Opened.class);
        return (OpenResult.Opened) result;
    }

    public AudioFrame receiveAudio() throws Exception {
        for (int i = 0; i < 20; i++) {
            OpenResult.Opened opened = receive();
            if (opened == null) {
                return null;
            }
            if (opened.body() instanceof AudioFrame frame) {
                return frame;
            }
        }
        return null;
    }

    @Override
    public void close() {
        udp.close();
        control.close();
    }
}
