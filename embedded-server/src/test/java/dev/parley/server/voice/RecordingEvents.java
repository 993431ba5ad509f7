package dev.parley.server.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers talking callbacks as "started 1" / "stopped 1". Thread-safe. */
final class RecordingEvents implements VoiceEvents {

    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void talkingStarted(int sessionId) {
        log.add("started " + sessionId);
    }

    @Override
    public void talkingStopped(int sessionId) {
        log.add("stopped " + sessionId);
    }
}
