package dev.parley.client.ui.e2e;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.room.RoomChange;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.voice.VoiceControls;
import dev.parley.protocol.control.model.ChannelInfo;
import dev.parley.protocol.e2e.ChannelKey;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps voice's end-to-end layer on my channel: sealed with its current key, locked (nothing sent, nothing
 * played) while I have no key for its current epoch, plain in a plain channel. Set again whenever my channel,
 * its epoch or my keys change, and before a join to an encrypted channel is sent, so not one frame leaves in
 * the clear for it; until the room says I am there, that pending channel decides. Thread-safe: the room state
 * is read on the client's event thread, joins come from the UI thread, and both push under one lock.
 */
public final class VoiceEncryption implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VoiceEncryption.class);

    private final ControlClient client;
    private final RoomState room;
    private final VoiceControls voice;
    private final ChannelKeys keys;
    private final Object lock = new Object();
    private Subscription subscription;
    /** An encrypted channel I asked to join and am not in yet (guarded by {@link #lock}). */
    private ChannelInfo joining;
    /** What voice was last told, for the log (guarded by {@link #lock}). */
    private String told = "";

    public VoiceEncryption(ControlClient client, RoomState room, VoiceControls voice, ChannelKeys keys) {
        this.client = client;
        this.room = room;
        this.voice = voice;
        this.keys = keys;
        client.eventLoop().executeIfRunning(() -> {
            subscription = room.onChange(this::changed);
            sync();
        });
    }

    /** UI thread, right before {@code channels.join} is sent for {@code target}. */
    public void beforeJoin(ChannelInfo target) {
        if (!target.endToEnd()) {
            return; // talk sealed for my old channel a moment longer is harmless; the room state switches it
        }
        synchronized (lock) {
            joining = target;
            push(target);
        }
    }

    /** The join was refused: back to the channel I am in. Any thread. */
    public void joinRefused() {
        synchronized (lock) {
            joining = null;
        }
        keysChanged();
    }

    /** A key was added: voice may now open (or seal) my channel. Any thread. */
    public void keysChanged() {
        client.eventLoop().executeIfRunning(this::sync);
    }

    private void changed(RoomChange change) {
        if (change instanceof RoomChange.TypingChanged || change instanceof RoomChange.UnreadChanged) {
            return;
        }
        sync();
    }

    /** Event thread. */
    private void sync() {
        if (!room.ready()) {
            return;
        }
        long mine = room.myChannelId();
        Optional<ChannelInfo> current = room.channel(mine);
        synchronized (lock) {
            if (joining != null && joining.id() == mine) {
                joining = null;
            }
            if (joining != null) {
                // Still on my way in: the refreshed channel (a new epoch) counts, and it stays locked.
                push(room.channel(joining.id()).filter(ChannelInfo::endToEnd).orElse(joining));
                return;
            }
            // A channel not known yet (auth.ok pages them in): locked until it is, rather than in the clear.
            push(current.orElse(new ChannelInfo(mine, null, "?", "", 0, false,
                    new dev.parley.protocol.control.model.ChannelE2e(1, "unknown"))));
        }
    }

    /** Under {@link #lock}. */
    private void push(ChannelInfo channel) {
        Optional<ChannelKey> key = keys.current(channel);
        voice.setChannelEncryption(channel.endToEnd(), key.orElse(null));
        String now = !channel.endToEnd() ? "plain" : key.map(k -> "sealed, epoch " + k.epoch()).orElse("locked");
        if (!now.equals(told)) {
            told = now;
            log.info("Voice in channel {}: {}", channel.id(), now);
        }
    }

    @Override
    public void close() {
        client.eventLoop().executeIfRunning(() -> {
            if (subscription != null) {
                subscription.close();
            }
        });
    }
}
