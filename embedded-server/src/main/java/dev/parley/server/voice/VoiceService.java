package dev.parley.server.voice;

import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Voice;
import dev.parley.protocol.control.model.Permission;
import dev.parley.protocol.voice.VoiceKey;
import dev.parley.server.control.Call;
import dev.parley.server.control.ClientConnection;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomLoop;
import dev.parley.server.room.RoomObserver;
import dev.parley.server.session.OnlineUser;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

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
    /** Sessions announced as talking, and the channel that was told; room thread only. */
    private final Map<Integer, Long> talkingIn = new HashMap<>();

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
                .on(Voice.SetState.class, this::setState);
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

    private void stopVoice(OnlineUser user) {
        int sessionId = user.voiceSessionId();
        if (sessionId != 0) {
            stopTalking(sessionId, user.id());
            roster.remove(sessionId);
            relay.forget(sessionId);
            user.voice(0, null);
            if (user.link() instanceof ClientConnection connection) {
                connection.voiceSession(0);
            }
        }
    }

    private VoiceRoster.Member member(OnlineUser user) {
        boolean maySpeak = !user.muted() && !user.selfMuted() && !user.deafened()
                && room.allows(user, user.channelId(), Permission.SPEAK);
        return new VoiceRoster.Member(user.voiceSessionId(), user.id(), user.voiceKey(), user.link(), user.channelId(),
                maySpeak, !user.deafened());
    }

    @Override
    public void userChanged(OnlineUser user) {
        if (user.voiceSessionId() != 0) {
            Long toldChannel = talkingIn.get(user.voiceSessionId());
            if (toldChannel != null && toldChannel != user.channelId()) {
                stopTalking(user.voiceSessionId(), user.id());
            }
            roster.put(member(user));
        }
    }

    /** Tells the channel that heard a speaker start that the speaker stopped. */
    private void stopTalking(int sessionId, long userId) {
        Long channel = talkingIn.remove(sessionId);
        if (channel != null) {
            room.broadcast(new Voice.Talking(userId, sessionId, false), user -> user.channelId() == channel);
        }
    }

    @Override
    public void userLeft(OnlineUser user) {
        stopVoice(user);
    }

    @Override
    public void permissionsChanged() {
        room.everyone().forEach(this::userChanged);
    }

    /** Relay I/O thread. */
    @Override
    public void talkingStarted(int sessionId) {
        announce(sessionId, true);
    }

    /** Relay I/O thread. */
    @Override
    public void talkingStopped(int sessionId) {
        announce(sessionId, false);
    }

    private void announce(int sessionId, boolean talking) {
        try {
            loop.execute(() -> roster.member(sessionId).ifPresent(member -> {
                if (!talking) {
                    stopTalking(sessionId, member.userId());
                } else if (member.maySpeak() && !talkingIn.containsKey(sessionId)) {
                    talkingIn.put(sessionId, member.channelId());
                    room.broadcast(new Voice.Talking(member.userId(), sessionId, true),
                            user -> user.channelId() == member.channelId());
                }
            }));
        } catch (RejectedExecutionException e) {
            // An overloaded room skips a talking indicator rather than queueing it late.
        }
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
