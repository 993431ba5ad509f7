package dev.parley.server.voice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers talking callbacks as "started 1" (to the channel), "started 1 to 3" (whisper target 3) / "stopped 1". Thread-safe. */
final class RecordingEvents implements VoiceEvents {

    final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public void talkingStarted(int sessionId, int target) {
        log.add("started " + sessionId + (target == 0 ? "" : " to " + target));
    }

    @Override
    public void talkingStopped(int sessionId) {
        log.add("stopped " + sessionId);
    }
}
