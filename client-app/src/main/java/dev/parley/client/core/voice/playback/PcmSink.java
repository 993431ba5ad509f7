package dev.parley.client.core.voice.playback;

/** Where played audio goes: a sound card, a file, a test. Called only from the playback thread. */
@FunctionalInterface
public interface PcmSink {

    /** Takes one chunk (5 or 10 ms: 240 or 480 samples, 48 kHz mono); the array is reused, copy it to keep it. */
    void write(short[] chunk);
}
