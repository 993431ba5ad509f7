package dev.parley.client.ui.app;

import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.host.HostedRoom;
import dev.parley.client.ui.voice.VoiceControls;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signed-in room: the control client, its room state, voice, and the room server when this
 * machine hosts it. Immutable holder; {@link #close()} may block briefly, so call it off the UI thread.
 */
public final class RoomSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RoomSession.class);

    private final ControlClient client;
    private final RoomState room;
    private final VoiceControls voice;
    private final HostedRoom hosted;
    private final RecentServer server;

    public RoomSession(ControlClient client, RoomState room, VoiceControls voice, HostedRoom hosted, RecentServer server) {
        this.client = Objects.requireNonNull(client, "client");
        this.room = Objects.requireNonNull(room, "room");
        this.voice = Objects.requireNonNull(voice, "voice");
        this.hosted = hosted;
        this.server = Objects.requireNonNull(server, "server");
    }

    public ControlClient client() {
        return client;
    }

    public RoomState room() {
        return room;
    }

    public VoiceControls voice() {
        return voice;
    }

    /** Present when this machine hosts the room. */
    public Optional<HostedRoom> hosted() {
        return Optional.ofNullable(hosted);
    }

    public RecentServer server() {
        return server;
    }

    /** Stops voice, disconnects, and stops the hosted server (its data stays). Blocks briefly. */
    @Override
    public void close() {
        try {
            voice.close();
        } catch (RuntimeException e) {
            log.warn("Voice did not stop cleanly", e);
        }
        client.close();
        if (hosted != null) {
            hosted.close();
        }
    }
}
