package dev.parley.client.core.voice.mix;

/** Told when a speaker starts or stops talking. Called on the playback thread: hand off, never block. */
@FunctionalInterface
public interface TalkingListener {

    void talkingChanged(int speakerId, boolean talking);
}
