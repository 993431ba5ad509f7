package dev.parley.client.core.voice.net;

/** Which way voice datagrams travel right now. */
public enum VoicePath {
    /** Sending HELLOs over UDP and waiting for the relay's echo. */
    PROBING,
    /** UDP works both ways. */
    UDP,
    /** UDP did not get through: datagrams travel as binary frames on the control WebSocket. */
    TUNNEL
}
