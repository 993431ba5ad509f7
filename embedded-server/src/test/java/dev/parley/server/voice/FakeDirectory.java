package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceKey;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A room the test arranges by hand. Thread-safe. */
final class FakeDirectory implements VoiceDirectory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<Integer, VoiceKey> keys = new ConcurrentHashMap<>();
    /** By speaker and target: {@code speaker << 5 | target}. */
    private final Map<Long, List<Integer>> listeners = new ConcurrentHashMap<>();

    VoiceKey enableVoice(int sessionId) {
        VoiceKey key = VoiceKey.random(RANDOM);
        keys.put(sessionId, key);
        return key;
    }

    void disableVoice(int sessionId) {
        keys.remove(sessionId);
    }

    void setListeners(int speaker, Integer... heardBy) {
        setTargetListeners(speaker, 0, heardBy);
    }

    void setTargetListeners(int speaker, int target, Integer... heardBy) {
        listeners.put((long) speaker << 5 | target, List.of(heardBy));
    }

    @Override
    public Optional<VoiceKey> keyFor(int sessionId) {
        return Optional.ofNullable(keys.get(sessionId));
    }

    @Override
    public Collection<Integer> listenersOf(int speakerSessionId, int target) {
        return listeners.getOrDefault((long) speakerSessionId << 5 | target, List.of());
    }
}
