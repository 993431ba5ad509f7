package dev.parley.protocol.voice;

/** The plaintext body of a voice datagram; each kind of packet has exactly one body type. */
public sealed interface VoiceBody permits VoiceHello, AudioFrame, VoicePing, VoicePong, VoiceChallenge {

    VoicePacketKind kind();
}
