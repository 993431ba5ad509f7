package dev.parley.server.record;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
import dev.parley.server.call.CallService;
import dev.parley.server.control.Call;
import dev.parley.server.control.RequestRouter;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomObserver;
import dev.parley.server.session.OnlineUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is recording which channel or call: live state only, never stored. Takes {@code record.start} and
 * {@code record.stop}, and ends a recording by itself when the recorder leaves the channel or the
 * room, or the recorded call ends, so a crashed client never leaves a stale indicator behind. Every
 * change goes to everyone in the channel, or to both sides of the call, as {@code record.state}; a user
 * entering a channel where someone records is told too. Room thread only.
 */
public final class RecordService implements RoomObserver {
    private static final Logger log = LoggerFactory.getLogger(RecordService.class);

    private final Room room;
    private final CallService calls;
    /** Recorders of each channel, in the order they started; a channel without any has no entry. */
    private final Map<Long, LinkedHashMap<Long, OnlineUser>> recordersByChannel = new HashMap<>();
    /** The channel each online user was last seen in, to notice an entry (moves fire many changes). */
    private final Map<Long, Long> lastChannelOf = new HashMap<>();
    /** Recorders of each answered call, keyed by call id; a call nobody records has no entry. */
    private final Map<Long, CallRecorders> recordersByCall = new HashMap<>();

    /** The recorders of one call, in the order they started, and the call's two sides to tell. */
    private record CallRecorders(CallService.Answered call, LinkedHashMap<Long, OnlineUser> recorders) {
    }

    public RecordService(Room room, CallService calls) {
        this.room = room;
        this.calls = calls;
        calls.afterEnd(this::callEnded);
    }

    public void registerOn(RequestRouter router) {
        router.on(Recording.Start.class, this::start)
                .on(Recording.Stop.class, (call, stop) -> {
                    if (stop.forCall()) {
                        stopRecordingCall(call.user());
                    } else {
                        stopRecording(call.user());
                    }
                    call.reply(new Ok());
                });
    }

    private void start(Call call, Recording.Start request) {
        OnlineUser user = call.user();
        if (user.voiceSessionId() == 0) {
            call.fail(ErrorCode.VOICE_REQUIRED, request.forCall()
                    ? "Start voice before recording: only a voice session can record its call."
                    : "Start voice before recording: only a voice session can record its channel.");
            return;
        }
        if (request.forCall()) {
            startRecordingCall(call, user);
            return;
        }
        if (channelRecordedBy(user) != null) {
            call.fail(ErrorCode.CONFLICT, "You are already recording this channel.");
            return;
        }
        long channelId = user.channelId();
        recordersByChannel.computeIfAbsent(channelId, id -> new LinkedHashMap<>()).put(user.id(), user);
        lastChannelOf.put(user.id(), channelId);
        log.info("{} started recording channel {}", user, channelId);
        call.reply(new Ok());
        announce(channelId);
    }

    /** Welcomes a user who just signed in: if their channel is being recorded, they are told at once. */
    public void welcomed(OnlineUser user) {
        lastChannelOf.put(user.id(), user.channelId());
        tellIfRecorded(user);
    }

    @Override
    public void userChanged(OnlineUser user) {
        Long recorded = channelRecordedBy(user);
        if (recorded != null && recorded != user.channelId()) {
            stopRecording(user);
        }
        Long last = lastChannelOf.put(user.id(), user.channelId());
        if (user.welcomed() && (last == null || last != user.channelId())) {
            tellIfRecorded(user);
        }
    }

    @Override
    public void userLeft(OnlineUser user) {
        stopRecording(user);
        stopRecordingCall(user);
        lastChannelOf.remove(user.id());
    }

    private void tellIfRecorded(OnlineUser user) {
        if (recordersByChannel.containsKey(user.channelId())) {
            user.link().send(Envelope.event(state(user.channelId())));
        }
    }

    /** The channel this very session records (a newer session of the same account is someone else), or null. */
    private Long channelRecordedBy(OnlineUser user) {
        for (Map.Entry<Long, LinkedHashMap<Long, OnlineUser>> entry : recordersByChannel.entrySet()) {
            if (entry.getValue().get(user.id()) == user) {
                return entry.getKey();
            }
        }
        return null;
    }

    private void stopRecording(OnlineUser user) {
        Long channelId = channelRecordedBy(user);
        if (channelId == null) {
            return;
        }
        LinkedHashMap<Long, OnlineUser> recorders = recordersByChannel.get(channelId);
        recorders.remove(user.id());
        if (recorders.isEmpty()) {
            recordersByChannel.remove(channelId);
        }
        log.info("{} stopped recording channel {}", user, channelId);
        announce(channelId);
    }

    private void announce(long channelId) {
        room.broadcast(state(channelId), member -> member.channelId() == channelId);
    }

    private Recording.State state(long channelId) {
        List<UserInfo> recorders = new ArrayList<>();
        recordersByChannel.getOrDefault(channelId, new LinkedHashMap<>()).values()
                .forEach(recorder -> recorders.add(recorder.info()));
        return new Recording.State(channelId, recorders);
    }

    private void startRecordingCall(Call call, OnlineUser user) {
        CallService.Answered answered = calls.answeredCallOf(user.id()).orElse(null);
        if (answered == null) {
            call.fail(ErrorCode.NOT_FOUND, "You are in no answered call to record.");
            return;
        }
        if (callRecordedBy(user) != null) {
            call.fail(ErrorCode.CONFLICT, "You are already recording this call.");
            return;
        }
        recordersByCall.computeIfAbsent(answered.callId(), id -> new CallRecorders(answered, new LinkedHashMap<>()))
                .recorders().put(user.id(), user);
        log.info("{} started recording call {}", user, answered.callId());
        call.reply(new Ok());
        announceCall(recordersByCall.get(answered.callId()));
    }

    /** The recorders of the call this very session records, or null. */
    private CallRecorders callRecordedBy(OnlineUser user) {
        for (CallRecorders recorded : recordersByCall.values()) {
            if (recorded.recorders().get(user.id()) == user) {
                return recorded;
            }
        }
        return null;
    }

    private void stopRecordingCall(OnlineUser user) {
        CallRecorders recorded = callRecordedBy(user);
        if (recorded == null) {
            return;
        }
        recorded.recorders().remove(user.id());
        if (recorded.recorders().isEmpty()) {
            recordersByCall.remove(recorded.call().callId());
        }
        log.info("{} stopped recording call {}", user, recorded.call().callId());
        announceCall(recorded);
    }

    /** A recorded call that ends ends its recordings: both sides learn that nobody records it any more. */
    private void callEnded(CallService.Answered call) {
        CallRecorders recorded = recordersByCall.remove(call.callId());
        if (recorded != null) {
            recorded.recorders().clear();
            log.info("Call {} ended while recorded", call.callId());
            announceCall(recorded);
        }
    }

    private void announceCall(CallRecorders recorded) {
        List<UserInfo> recorders = new ArrayList<>();
        recorded.recorders().values().forEach(recorder -> recorders.add(recorder.info()));
        Recording.State state = Recording.State.ofCall(recorded.call().callId(), recorders);
        for (long side : List.of(recorded.call().callerId(), recorded.call().calleeId())) {
            room.online(side).ifPresent(user -> user.link().send(Envelope.event(state)));
        }
    }
}
