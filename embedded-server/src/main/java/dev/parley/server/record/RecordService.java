package dev.parley.server.record;

import dev.parley.protocol.control.Envelope;
import dev.parley.protocol.control.ErrorCode;
import dev.parley.protocol.control.message.Ok;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
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
 * Who is recording which channel: live state only, never stored. Takes {@code record.start} and
 * {@code record.stop}, and ends a recording by itself when the recorder leaves the channel or the
 * room, so a crashed client never leaves a stale indicator behind. Every change goes to everyone in
 * the channel as {@code record.state}; a user entering a channel where someone records is told too.
 * Room thread only.
 */
public final class RecordService implements RoomObserver {
    private static final Logger log = LoggerFactory.getLogger(RecordService.class);

    private final Room room;
    /** Recorders of each channel, in the order they started; a channel without any has no entry. */
    private final Map<Long, LinkedHashMap<Long, OnlineUser>> recordersByChannel = new HashMap<>();
    /** The channel each online user was last seen in, to notice an entry (moves fire many changes). */
    private final Map<Long, Long> lastChannelOf = new HashMap<>();

    public RecordService(Room room) {
        this.room = room;
    }

    public void registerOn(RequestRouter router) {
        router.on(Recording.Start.class, this::start)
                .on(Recording.Stop.class, (call, stop) -> {
                    stopRecording(call.user());
                    call.reply(new Ok());
                });
    }

    private void start(Call call, Recording.Start request) {
        OnlineUser user = call.user();
        if (user.voiceSessionId() == 0) {
            call.fail(ErrorCode.VOICE_REQUIRED, "Start voice before recording: only a voice session can record its channel.");
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
}
