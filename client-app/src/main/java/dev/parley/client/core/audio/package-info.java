/**
 * Audio for the voice engine, everything 48 kHz mono 16-bit PCM in 10 ms chunks ({@link
 * dev.parley.client.core.audio.PcmFormat}).
 *
 * <ul>
 *   <li>{@code device}: {@link dev.parley.client.core.audio.AudioInput}/{@link
 *       dev.parley.client.core.audio.AudioOutput} on javax.sound, WAV files and silence.</li>
 *   <li>{@code dsp}: resampling, webrtc echo cancellation / noise suppression / gain control, level meter.</li>
 *   <li>{@code vad}: voice activity detectors and the voice activation gate.</li>
 *   <li>{@code capture}: transmit decisions (push-to-talk, voice activity, always on) and the capture
 *       pipeline that ties the stages together.</li>
 * </ul>
 *
 * <p>No JavaFX here: the UI observes levels and talking state through listeners that run on the capture
 * thread and must hop to the FX thread itself.
 */
package dev.parley.client.core.audio;
