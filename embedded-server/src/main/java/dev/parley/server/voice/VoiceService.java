package dev.parley.server.voice;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.voice.AudioFrame;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.server.channel.Channel;
import dev.parley.server.control.Call;
import dev.parley.server.control.ClientConnection;
import dev.parley.server.control.Refusal;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.room.RoomObserver;
import dev.parley.server.session.OnlineUser;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;

/**
 * The control side of voice: hands out session keys, keeps the relay's roster in step with the
 * room (moves, mutes, deafen, permissions), routes tunnelled packets, and turns the relay's
 * talking callbacks into {@code voice.talking} events. Room thread, except where noted.
 */
public final class VoiceService implements RoomObserver, VoiceEvents {
    private final Room room;
    private final RoomLoop loop;
    private final VoiceRoster roster;
    private final boolean keysOnlyOverTls;
    private final SecureRandom random = new SecureRandom();
    private VoiceRelay relay;
    /**
     * Voice session ids start at a random point each server run, so a client that reconnects after a
     * restart never mistakes a new speaker's packets for the stream it knew under the same number.
     */
    private int nextSessionId;
    /** Sessions announced as talking, and who was told; room thread only. */
    private final Map<Integer, Audience> talkingIn = new HashMap<>();
    /** Each session's whisper targets as requested, to decide them again when rights change; room thread only. */
    private final Map<Integer, Map<Integer, Voice.SetTarget>> requestedTargets = new HashMap<>();

    /**
     * Who heard that a session started talking: its channel, or the users a whisper reached (the
     * speaker included), who must hear that it stopped.
     */
    private record Audience(Long channelId, Set<Long> userIds, boolean whisper, boolean call)
            implements Predicate<OnlineUser> {
        @Override
        public boolean test(OnlineUser user) {
            return channelId != null ? user.channelId() == channelId : userIds.contains(user.id());
        }

        Voice.Talking talking(long userId, int sessionId, boolean talking) {
            return new Voice.Talking(userId, sessionId, talking, whisper ? true : null, call ? true : null);
        }
    }

    /** @param keysOnlyOverTls refuse {@code voice.start} on a connection without TLS: the reply carries the key */
    public VoiceService(Room room, RoomLoop loop, VoiceRoster roster, boolean keysOnlyOverTls) {
        this.room = room;
        this.loop = loop;
        this.roster = roster;
        this.keysOnlyOverTls = keysOnlyOverTls;
        this.nextSessionId = 1 + random.nextInt(1 << 30);
    }

    public void attach(VoiceRelay relay) {
        this.relay = relay;
    }

    public void registerOn(RequestRouter router) {
        router.on(Voice.Start.class, this::start)
                .on(Voice.Stop.class, (call, stop) -> {
                    stopVoice(call.user());
                    call.reply(new Ok());
                })
                .on(Voice.SetState.class, this::setState)
                .on(Voice.SetTarget.class, this::setTarget);
    }

    private void start(Call call, Voice.Start request) {
        if (keysOnlyOverTls && !call.connection().secure()) {
            call.fail(ErrorCode.FORBIDDEN, "Voice needs an encrypted connection (wss://).");
            return;
        }
        OnlineUser user = call.user();
        stopVoice(user);
        int sessionId = nextSessionId++;
        VoiceKey key = VoiceKey.random(random);
        user.voice(sessionId, key);
        call.connection().voiceSession(sessionId);
        roster.put(member(user));
        call.reply(new Voice.Ready(sessionId, key.toBase64(), relay.localPort()));
    }

    private void setState(Call call, Voice.SetState request) {
        OnlineUser user = call.user();
        // Deafened implies muted: someone who cannot hear the room should not talk into it.
        user.voiceSwitches(request.selfMuted() || request.deafened(), request.deafened());
        call.reply(new Ok());
        room.broadcastState(user);
    }

    private void setTarget(Call call, Voice.SetTarget request) {
        OnlineUser user = call.user();
        int sessionId = user.voiceSessionId();
        if (sessionId == 0) {
            call.fail(ErrorCode.VOICE_REQUIRED, "Start voice before setting a whisper target.");
            return;
        }
        if (request.clears()) {
            Map<Integer, Voice.SetTarget> targets = requestedTargets.get(sessionId);
            if (targets != null) {
                targets.remove(request.target());
                if (targets.isEmpty()) {
                    requestedTargets.remove(sessionId);
                }
            }
            roster.target(sessionId, request.target(), null);
            call.reply(new Ok());
            return;
        }
        VoiceRoster.WhisperTarget whom = resolve(user, request, true);
        requestedTargets.computeIfAbsent(sessionId, id -> new HashMap<>()).put(request.target(), request);
        roster.target(sessionId, request.target(), whom);
        call.reply(new Ok());
    }

    /**
     * Whom a whisper target may reach now. The same rules as direct messages for users (a guest may
     * whisper too, but not to someone who accepts direct messages from friends only), and {@code speak}
     * for channels. With {@code strict} a refusal is an error for the caller; without, the target keeps
     * only what is still allowed (rights changed after it was set).
     */
    private VoiceRoster.WhisperTarget resolve(OnlineUser speaker, Voice.SetTarget request, boolean strict) {
        Set<Long> users = new LinkedHashSet<>();
        for (long id : request.users()) {
            if (id == speaker.id()) {
                continue;
            }
            if (room.account(id).isEmpty() && room.online(id).isEmpty()) {
                if (strict) {
                    throw Refusal.notFound("There is no user " + id + ".");
                }
                continue;
            }
            if (room.privacy().refusesDirectMessage(speaker.id(), id)) {
                if (strict) {
                    throw new Refusal(ErrorCode.FRIENDS_ONLY, room.account(id).map(a -> a.info().name())
                            .orElse("They") + " accepts whispers from friends only.");
                }
                continue;
            }
            users.add(id);
        }
        Set<Long> channels = new HashSet<>();
        if (request.channelId() != null) {
            long top = request.channelId();
            if (room.channels().find(top).isEmpty() || !room.canSee(speaker, top)) {
                if (strict) {
                    throw Refusal.notFound("There is no channel " + top + ".");
                }
            } else if (!room.allows(speaker, top, Permission.SPEAK)) {
                if (strict) {
                    throw Refusal.forbidden("You may not speak in this channel.");
                }
            } else {
                channels.add(top);
                if (request.withChildren()) {
                    addSubChannels(speaker, top, channels);
                }
            }
        }
        return new VoiceRoster.WhisperTarget(users, channels);
    }

    /** The sub-channels (at any depth) the speaker may see and speak in. */
    private void addSubChannels(OnlineUser speaker, long top, Set<Long> into) {
        Deque<Long> pending = new ArrayDeque<>();
        pending.add(top);
        while (!pending.isEmpty()) {
            for (Channel child : room.channels().children(pending.poll())) {
                if (room.canSee(speaker, child.id())) {
                    pending.add(child.id());
                    if (room.allows(speaker, child.id(), Permission.SPEAK)) {
                        into.add(child.id());
                    }
                }
            }
        }
    }

    /** Decides every session's whisper targets again: rights, friendships or privacy changed. */
    private void reresolveTargets() {
        Map<Integer, Map<Integer, VoiceRoster.WhisperTarget>> decided = new HashMap<>();
        requestedTargets.forEach((sessionId, targets) -> roster.member(sessionId)
                .flatMap(member -> room.online(member.userId()))
                .ifPresent(speaker -> targets.forEach((number, request) -> decided
                        .computeIfAbsent(sessionId, id -> new HashMap<>()).put(number, resolve(speaker, request, false)))));
        roster.retarget(decided); // one rebuild of the relay's lists, however many targets there are
    }

    /** Friendships or privacy changed (room thread): whispers follow the direct-message rules at once. */
    public void privacyChanged() {
        reresolveTargets();
    }

    private void stopVoice(OnlineUser user) {
        int sessionId = user.voiceSessionId();
        if (sessionId != 0) {
            stopTalking(sessionId, user.id());
            requestedTargets.remove(sessionId);
            roster.remove(sessionId);
            relay.forget(sessionId);
            user.voice(0, null);
            if (user.link() instanceof ClientConnection connection) {
                connection.voiceSession(0);
            }
        }
    }

    private VoiceRoster.Member member(OnlineUser user) {
        boolean unmuted = !user.muted() && !user.selfMuted() && !user.deafened();
        boolean maySpeak = unmuted && room.allows(user, user.channelId(), Permission.SPEAK);
        return new VoiceRoster.Member(user.voiceSessionId(), user.id(), user.voiceKey(), user.link(), user.channelId(),
                maySpeak, !user.deafened(), unmuted);
    }

    @Override
    public void userChanged(OnlineUser user) {
        if (user.voiceSessionId() != 0) {
            Audience told = talkingIn.get(user.voiceSessionId());
            if (told != null && told.channelId() != null && told.channelId() != user.channelId()) {
                stopTalking(user.voiceSessionId(), user.id());
            }
            roster.put(member(user));
        }
    }

    /** Tells whoever heard a speaker start that the speaker stopped. */
    private void stopTalking(int sessionId, long userId) {
        Audience audience = talkingIn.remove(sessionId);
        if (audience != null) {
            room.broadcast(audience.talking(userId, sessionId, false), audience);
        }
    }

    @Override
    public void userLeft(OnlineUser user) {
        stopVoice(user);
    }

    @Override
    public void permissionsChanged() {
        room.everyone().forEach(this::userChanged);
        reresolveTargets();
    }

    /** Relay I/O thread. */
    @Override
    public void talkingStarted(int sessionId, int target) {
        announce(sessionId, true, target);
    }

    /** Relay I/O thread. */
    @Override
    public void talkingStopped(int sessionId) {
        announce(sessionId, false, 0);
    }

    private void announce(int sessionId, boolean talking, int target) {
        try {
            loop.execute(() -> roster.member(sessionId).ifPresent(member -> {
                if (!talking) {
                    stopTalking(sessionId, member.userId());
                    return;
                }
                if (!(target == AudioFrame.CALL_TARGET ? member.unmuted() : member.maySpeak())) {
                    return;
                }
                // A new start replaces a spurt whose stop has not come through yet (the target changed).
                stopTalking(sessionId, member.userId());
                Audience audience = audienceOf(member, target);
                talkingIn.put(sessionId, audience);
                room.broadcast(audience.talking(member.userId(), sessionId, true), audience);
            }));
        } catch (RejectedExecutionException e) {
            // An overloaded room skips a talking indicator rather than queueing it late.
        }
    }

    /**
     * Who is told that the member talks to {@code target}: its channel, or the whisper's (or call's)
     * hearers and the speaker.
     */
    private Audience audienceOf(VoiceRoster.Member speaker, int target) {
        if (target == AudioFrame.CHANNEL_TARGET) {
            return new Audience(speaker.channelId(), Set.of(), false, false);
        }
        Set<Long> users = new HashSet<>();
        users.add(speaker.userId());
        for (int hearer : roster.listenersOf(speaker.sessionId(), target)) {
            roster.member(hearer).ifPresent(member -> users.add(member.userId()));
        }
        boolean call = target == AudioFrame.CALL_TARGET;
        return new Audience(null, Set.copyOf(users), !call, call);
    }

    /** A binary WebSocket frame: voice tunnelled over the control connection. WebSocket worker thread. */
    public void tunnelled(ClientConnection connection, ByteBuffer frame) {
        int sessionId = connection.voiceSession();
        if (sessionId == 0 || relay == null) {
            return;
        }
        byte[] datagram = new byte[frame.remaining()];
        frame.get(datagram);
        relay.acceptTunneled(sessionId, datagram);
    }
}
