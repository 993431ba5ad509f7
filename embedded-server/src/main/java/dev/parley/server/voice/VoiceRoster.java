package dev.parley.server.voice;

import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.server.session.ClientLink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relay's view of the room: who has voice, with which key, and who hears whom. Written by the
 * room thread (which owns the truth), read by the relay's I/O thread for every packet; the
 * per-channel and per-whisper-target hearer lists are immutable snapshots rebuilt on each change, so
 * reads never lock.
 */
public final class VoiceRoster implements VoiceDirectory, VoiceTunnel {
    /**
     * One voice session as the relay needs it. {@code unmuted}: not server-muted, self-muted or deafened
     * (enough for a call); {@code maySpeak}: that and {@code speak} in its channel (for the channel and
     * whispers).
     */
    public record Member(int sessionId, long userId, VoiceKey key, ClientLink link, long channelId,
                         boolean maySpeak, boolean hears, boolean unmuted) {
    }

    /**
     * Whom one whisper target reaches, as the room has checked it: these users (wherever they are) and
     * everyone in these channels. Resolved to voice sessions at every rebuild, so it follows moves.
     */
    public record WhisperTarget(Set<Long> userIds, Set<Long> channelIds) {
        public WhisperTarget {
            userIds = Set.copyOf(userIds);
            channelIds = Set.copyOf(channelIds);
        }
    }

    private final Map<Integer, Member> bySession = new ConcurrentHashMap<>();
    /** Room thread only: each speaker session's registered targets, by target number. */
    private final Map<Integer, Map<Integer, WhisperTarget>> targetsBySession = new HashMap<>();
    /** Room thread only: the other side of each user's active call (both directions are in). */
    private final Map<Long, Long> callPeerByUser = new HashMap<>();
    private volatile Map<Long, List<Integer>> hearersByChannel = Map.of();
    /** Per speaker session, hearer lists indexed by target number (null where none is registered). */
    private volatile Map<Integer, List<Integer>[]> whisperHearers = Map.of();
    private volatile java.util.function.LongPredicate sealedChannel = channelId -> false;

    /** Where the relay learns which channels are end-to-end encrypted (must be quick and allocation-free). */
    public void sealedChannels(java.util.function.LongPredicate sealed) {
        this.sealedChannel = sealed;
    }

    @Override
    public boolean channelIsSealed(int speakerSessionId) {
        Member speaker = bySession.get(speakerSessionId);
        return speaker != null && sealedChannel.test(speaker.channelId());
    }

    /** Adds or replaces a member; room thread only. */
    public void put(Member member) {
        bySession.put(member.sessionId(), member);
        rebuild();
    }

    /** Room thread only; forgets the session's whisper targets too. */
    public void remove(int sessionId) {
        boolean hadTargets = targetsBySession.remove(sessionId) != null;
        if (bySession.remove(sessionId) != null || hadTargets) {
            rebuild();
        }
    }

    /**
     * Replaces every session's targets in {@code decided} (by session, then number) with one rebuild: rights
     * changed, and each target was decided again. Room thread only.
     */
    public void retarget(Map<Integer, Map<Integer, WhisperTarget>> decided) {
        if (decided.isEmpty()) {
            return;
        }
        decided.forEach((sessionId, targets) -> targetsBySession.put(sessionId, new HashMap<>(targets)));
        rebuild();
    }

    /** Registers, replaces or (with {@code null}) clears one whisper target of a session; room thread only. */
    public void target(int sessionId, int target, WhisperTarget whom) {
        if (whom == null) {
            Map<Integer, WhisperTarget> targets = targetsBySession.get(sessionId);
            if (targets == null || targets.remove(target) == null) {
                return;
            }
            if (targets.isEmpty()) {
                targetsBySession.remove(sessionId);
            }
        } else {
            targetsBySession.computeIfAbsent(sessionId, id -> new HashMap<>()).put(target, whom);
        }
        rebuild();
    }

    /**
     * Connects two users' call target ({@link AudioFrame#CALL_TARGET}): each one's voice sessions, now
     * and after any restart of voice, reach the other's. Room thread only.
     */
    public void connectCall(long a, long b) {
        callPeerByUser.put(a, b);
        callPeerByUser.put(b, a);
        rebuild();
    }

    /** Room thread only. */
    public void disconnectCall(long a, long b) {
        boolean changed = callPeerByUser.remove(a, b) | callPeerByUser.remove(b, a);
        if (changed) {
            rebuild();
        }
    }

    /** The targets a session registered, by number; room thread only. */
    public Map<Integer, WhisperTarget> targets(int sessionId) {
        return Map.copyOf(targetsBySession.getOrDefault(sessionId, Map.of()));
    }

    public Optional<Member> member(int sessionId) {
        return Optional.ofNullable(bySession.get(sessionId));
    }

    public int size() {
        return bySession.size();
    }

    private void rebuild() {
        Map<Long, List<Integer>> byChannel = new HashMap<>();
        Map<Long, List<Integer>> byUser = new HashMap<>();
        for (Member member : bySession.values()) {
            if (member.hears()) {
                byChannel.computeIfAbsent(member.channelId(), id -> new ArrayList<>()).add(member.sessionId());
                byUser.computeIfAbsent(member.userId(), id -> new ArrayList<>()).add(member.sessionId());
            }
        }
        byChannel.replaceAll((channel, sessions) -> List.copyOf(sessions));
        hearersByChannel = Map.copyOf(byChannel);
        whisperHearers = resolveTargets(byChannel, byUser);
    }

    @SuppressWarnings("unchecked")
    private Map<Integer, List<Integer>[]> resolveTargets(Map<Long, List<Integer>> byChannel,
            Map<Long, List<Integer>> byUser) {
        if (targetsBySession.isEmpty() && callPeerByUser.isEmpty()) {
            return Map.of();
        }
        Map<Integer, List<Integer>[]> resolved = new HashMap<>();
        if (!callPeerByUser.isEmpty()) {
            for (Member member : bySession.values()) {
                Long peer = callPeerByUser.get(member.userId());
                if (peer != null) {
                    List<Integer>[] lists = new List[AudioFrame.CALL_TARGET + 1];
                    lists[AudioFrame.CALL_TARGET] = byUser.getOrDefault(peer, List.of());
                    resolved.put(member.sessionId(), lists);
                }
            }
        }
        targetsBySession.forEach((speaker, targets) -> {
            if (!bySession.containsKey(speaker)) {
                return;
            }
            List<Integer>[] lists = resolved.computeIfAbsent(speaker, id -> new List[AudioFrame.CALL_TARGET + 1]);
            targets.forEach((number, whom) -> {
                Set<Integer> hearers = new LinkedHashSet<>();
                whom.userIds().forEach(user -> hearers.addAll(byUser.getOrDefault(user, List.of())));
                whom.channelIds().forEach(channel -> hearers.addAll(byChannel.getOrDefault(channel, List.of())));
                hearers.remove(speaker);
                lists[number] = List.copyOf(hearers);
            });
        });
        return Map.copyOf(resolved);
    }

    @Override
    public Optional<VoiceKey> keyFor(int sessionId) {
        Member member = bySession.get(sessionId);
        return member == null ? Optional.empty() : Optional.of(member.key());
    }

    @Override
    public Collection<Integer> listenersOf(int speakerSessionId, int target) {
        Member speaker = bySession.get(speakerSessionId);
        if (speaker == null || !(target == AudioFrame.CALL_TARGET ? speaker.unmuted() : speaker.maySpeak())) {
            return List.of();
        }
        if (target == AudioFrame.CHANNEL_TARGET) {
            // The cached snapshot itself, speaker included: the relay skips the speaker, and this runs
            // once per packet, so it must not allocate.
            return hearersByChannel.getOrDefault(speaker.channelId(), List.of());
        }
        List<Integer>[] lists = whisperHearers.get(speakerSessionId);
        List<Integer> hearers = lists == null || target >= lists.length ? null : lists[target];
        return hearers == null ? List.of() : hearers;
    }

    @Override
    public void deliver(int listenerSessionId, byte[] datagram) {
        Member listener = bySession.get(listenerSessionId);
        if (listener != null) {
            listener.link().sendBinary(datagram);
        }
    }
}
