package dev.parley.client.ui.voice;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.room.RoomState;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The voice bar's recording part: the "● Recording" indicator naming who records my channel (from the
 * room's {@code record.state} events, so every participant sees it) and my own Record toggle. The
 * properties are touched on the UI thread only; events arrive on the client's thread and are handed over.
 */
public final class RecordingViewModel implements AutoCloseable {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");

    private final RoomState room;
    private final VoiceControls voice;
    private final Path recordingsRoot;
    private final UiThread ui;
    /** Who records each channel, as last told; UI thread only. */
    private final Map<Long, List<UserInfo>> recorders = new HashMap<>();
    private final StringProperty indicator = new SimpleStringProperty("");
    private final BooleanProperty recording = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private final List<Subscription> subscriptions;
    private long myChannel;

    /** @param recordingsRoot where my recordings go, one folder per recording */
    public RecordingViewModel(ControlClient client, RoomState room, VoiceControls voice, Path recordingsRoot, UiThread ui) {
        this.room = room;
        this.voice = voice;
        this.recordingsRoot = recordingsRoot;
        this.ui = ui;
        // The room's state is read on the client's event thread, and the result handed to the UI thread.
        this.subscriptions = List.of(
                client.on(Recording.State.class, state -> {
                    if (state.forCall()) {
                        return; // the call bar shows who records my call
                    }
                    long here = room.myChannelId();
                    ui.run(() -> {
                        recorders.put(state.channelId(), state.recorders());
                        refresh(here);
                    });
                }),
                room.onChange(change -> {
                    long here = room.myChannelId();
                    ui.run(() -> refresh(here));
                }),
                client.onStatus(status -> ui.run(() -> {
                    if (status.state() != ConnectionState.CONNECTED) {
                        // The room forgets every recording of a session that went away; so do we.
                        recorders.clear();
                        refresh(myChannel);
                    }
                })));
    }

    /** "● Recording: ann, bob" while someone records my channel, else "". */
    public ReadOnlyStringProperty indicatorProperty() {
        return indicator;
    }

    /** Whether I record (the toggle's state). */
    public BooleanProperty recordingProperty() {
        return recording;
    }

    /** Where my last recording went, or why it failed. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    /** The toggle: starts or stops my recording of my channel. */
    public void setRecording(boolean on) {
        if (on) {
            Path folder = recordingsRoot.resolve(LocalDateTime.now().format(FOLDER_TIME));
            voice.startRecording(folder).whenComplete((ok, error) -> ui.run(() -> {
                if (error != null) {
                    recording.set(false);
                    notice.set("Not recording: " + message(error));
                } else {
                    notice.set("Recording into " + folder);
                }
            }));
        } else {
            voice.stopRecording().whenComplete((files, error) -> ui.run(() -> notice.set(error != null
                    ? "Recording failed: " + message(error)
                    : files.isEmpty() ? "" : "Saved " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                            + " in " + files.get(0).getParent())));
        }
        recording.set(on);
    }

    private void refresh(long now) {
        if (now != myChannel) {
            // The room stops telling me about a channel I left; what I knew of it goes stale.
            recorders.remove(myChannel);
            myChannel = now;
        }
        List<UserInfo> here = recorders.getOrDefault(now, List.of());
        indicator.set(here.isEmpty() ? ""
                : "● Recording: " + here.stream().map(UserInfo::name).collect(Collectors.joining(", ")));
    }

    private static String message(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        if (recording.get()) {
            voice.stopRecording();
        }
    }
}
