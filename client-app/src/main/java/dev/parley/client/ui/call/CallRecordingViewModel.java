package dev.parley.client.ui.call;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.call.CallDesk.CurrentCall;
import dev.parley.client.core.net.ConnectionState;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.ui.fx.Failures;
import dev.parley.client.ui.fx.UiThread;
import dev.parley.client.ui.voice.VoiceControls;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call bar's recording part: my Record toggle for the call, and "● Recording (bob)" while anyone
 * records it, on both sides (from the room's {@code record.state} for the call). A recording goes into
 * {@code recordings/call-with-<peer>-<time>/}, so the Recordings window lists it; it is finished when I
 * stop it or the call ends. UI thread only; the room's events come in through {@link UiThread}.
 */
public final class CallRecordingViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallRecordingViewModel.class);

    private final VoiceControls voice;
    private final Path recordingsRoot;
    private final UiThread ui;
    private final List<Subscription> subscriptions;
    private final StringProperty indicator = new SimpleStringProperty("");
    private final BooleanProperty recording = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    /** The answered call I am in (0: none) and whom with. */
    private long callId;
    private String peer = "";

    /** @param recordingsRoot where my recordings go, one folder per recording */
    public CallRecordingViewModel(ControlClient client, CallLine line, VoiceControls voice, Path recordingsRoot,
                                  UiThread ui) {
        this.voice = voice;
        this.recordingsRoot = recordingsRoot;
        this.ui = ui;
        // The room's call states and its record.state events come in that order on the client's thread and
        // keep it through the UI thread's queue: a call is known before anyone can record it.
        this.subscriptions = List.of(
                line.onChange(call -> ui.run(() -> callChanged(call))),
                client.on(Recording.State.class, state -> {
                    if (state.forCall()) {
                        ui.run(() -> told(state));
                    }
                }),
                client.onStatus(status -> ui.run(() -> {
                    if (status.state() != ConnectionState.CONNECTED) {
                        // The room ends a call, and its recordings, when my session goes.
                        indicator.set("");
                    }
                })));
    }

    /** "● Recording (bob)" while someone records my call (me included), else "". */
    public ReadOnlyStringProperty indicatorProperty() {
        return indicator;
    }

    /** Whether I record my call (the toggle's state). */
    public BooleanProperty recordingProperty() {
        return recording;
    }

    /** Where my last call recording went, or why it failed. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice;
    }

    /**
     * The toggle: starts or stops my recording of my call. The toggle's selection is bound to
     * {@link #recordingProperty()}, so this is called with the property already set.
     */
    public void setRecording(boolean on) {
        if (on && callId == 0) {
            notice.set("Not recording: there is no call to record.");
            recording.set(false);
            return;
        }
        recording.set(on);
        if (on) {
            Path folder = recordingsRoot.resolve(RecordingLibrary.callFolderName(peer, LocalDateTime.now()));
            voice.startCallRecording(folder).whenComplete((ok, error) -> ui.run(() -> {
                if (error != null) {
                    log.info("Could not record the call: {}", error.toString());
                    recording.set(false);
                    notice.set("Not recording: " + Failures.sentence(error));
                } else {
                    notice.set("Recording the call into " + folder);
                }
            }));
        } else {
            finish();
        }
    }

    /** Closes my recording's files (the room already forgot it when the call ended) and says where they are. */
    private void finish() {
        recording.set(false);
        voice.stopCallRecording().whenComplete((files, error) -> ui.run(() -> notice.set(error != null
                ? "Recording failed: " + Failures.sentence(error)
                : files.isEmpty() ? "" : "Saved " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                        + " in " + files.get(0).getParent())));
    }

    private void callChanged(CurrentCall call) {
        if (call.active()) {
            if (call.callId() != callId) {
                indicator.set("");
            }
            callId = call.callId();
            peer = call.peer() == null ? "" : call.peer().name();
        } else if (call.ended() && (call.callId() == callId || callId == 0)) {
            callId = 0;
            indicator.set("");
            if (recording.get()) {
                finish();
            }
        }
    }

    private void told(Recording.State state) {
        if (state.callId() != callId) {
            log.debug("Ignoring who records call {}; mine is {}", state.callId(), callId);
            return;
        }
        indicator.set(state.recorders().isEmpty() ? ""
                : "● Recording (" + state.recorders().stream().map(UserInfo::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The session is going away: a recording still running is finished (its files are kept). */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        if (recording.get()) {
            voice.stopCallRecording();
        }
    }
}
