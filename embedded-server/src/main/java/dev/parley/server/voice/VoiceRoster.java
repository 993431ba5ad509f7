package dev.parley.server.voice;

import dev.parley.protocol.voice.VoiceKey;
import dev.parley.server.session.ClientLink;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's view of the room: who has voice, with which key, and who hears whom. Written by the
 * room thread (which owns the truth), read by the relay's I/O thread for every packet; the
 * per-channel hearer lists are immutable snapshots rebuilt on each change, so reads never lock.
 */
public final class VoiceRoster implements VoiceDirectory, VoiceTunnel {
    /** One voice session as the relay needs it. */
    public record Member(int sessionId, long userId, VoiceKey key, ClientLink link, long channelId,
                         boolean maySpeak, boolean hears) {
    }

    private final Map<Integer, Member> bySession = new ConcurrentHashMap<>();
    private volatile Map<Long, List<Integer>> hearersByChannel = Map.of();

    /** Adds or replaces a member; room thread only. */
    public void put(Member member) {
        bySession.put(member.sessionId(), member);
        rebuild();
    }

    /** Room thread only. */
    public void remove(int sessionId) {
        if (bySession.remove(sessionId) != null) {
            rebuild();
        }
    }

    public Optional<Member> member(int sessionId) {
        return Optional.ofNullable(bySession.get(sessionId));
    }

    public int size() {
        return bySession.size();
    }

    private void rebuild() {
        Map<Long, List<Integer>> byChannel = new HashMap<>();
        for (Member member : bySession.values()) {
            if (member.hears()) {
                byChannel.computeIfAbsent(member.channelId(), id -> new java.util.ArrayList<>()).add(member.sessionId());
            }
        }
        byChannel.replaceAll((channel, sessions) -> List.copyOf(sessions));
        hearersByChannel = Map.copyOf(byChannel);
    }

    @Override
    public Optional<VoiceKey> keyFor(int sessionId) {
        Member member = bySession.get(sessionId);
        return member == null ? Optional.empty() : Optional.of(member.key());
    }

    @Override
    public Collection<Integer> listenersOf(int speakerSessionId) {
        Member speaker = bySession.get(speakerSessionId);
        if (speaker == null || !speaker.maySpeak()) {
            return List.of();
        }
        // The cached snapshot itself, speaker included: the relay skips the speaker, and this runs
        // once per packet, so it must not allocate.
        return hearersByChannel.getOrDefault(speaker.channelId(), List.of());
    }

    @Override
    public void deliver(int listenerSessionId, byte[] datagram) {
        Member listener = bySession.get(listenerSessionId);
        if (listener != null) {
            listener.link().sendBinary(datagram);
        }
    }
}
