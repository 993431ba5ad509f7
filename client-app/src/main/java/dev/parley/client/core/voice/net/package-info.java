/**
 * The client's voice network path: {@link dev.parley.client.core.voice.net.VoiceTransport} owns one UDP
 * socket to the relay and the session's {@code VoiceLink} on a single network thread; it proves UDP with
 * HELLO, measures round trip and loss with PING/PONG, falls back to the control WebSocket ("tunnel") when
 * UDP does not answer and returns when a probe gets through. Path decisions are in
 * {@code PathSelector}, measurements in {@code LinkMeter}; both are plain state machines driven by time.
 */
package dev.parley.client.core.voice.net;
