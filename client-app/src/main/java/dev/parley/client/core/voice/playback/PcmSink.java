package dev.parley.client.core.voice.playback;

/** Where played audio goes: a sound card, a file, a test. Called only from the playback thread. */
@FunctionalInterface
public interface PcmSink {

    /** Takes one 10 ms chunk (480 samples, 48 kHz mono); the array is reused, copy it to keep it. */
    void write(short[] chunk);
}
