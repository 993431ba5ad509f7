package dev.parley.client.cli;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.call.CallDesk;
import dev.parley.client.core.net.ControlClient;
import dev.parley.client.core.record.ChannelRecording;
import dev.parley.client.core.record.RecordingLibrary;
import dev.parley.client.core.voice.VoiceEngine;
import dev.parley.protocol.control.message.Recording;
import dev.parley.protocol.control.model.UserInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's side of call recordings: says when the other side starts or stops recording this call
 * ("bob is recording this call"), and with {@code --record-call DIR} records every answered call into
 * {@code DIR/call-with-<peer>-<time>/}, printing the files when the call ends. Starting and stopping
 * run on a private thread (closing the files mixes them, which the client's event thread must not wait
 * for); the events arrive on the client's event thread. Thread-safe.
 */
final class CallRecordingCli implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordingCli.class);

    private final ControlClient client;
    private final VoiceEngine engine;
    private final Path root;
    private final IntFunction<String> speakerNames;
    private final long selfId;
    private final PrintWriter out;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "parley-cli-call-recording");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Worker thread only: my recording of the current call, or null. */
    private ChannelRecording recording;
    /** Event thread only: the call whose recorders were last told, and those who are not me. */
    private long toldCall;
    private Set<String> othersRecording = Set.of();

    /** @param root where calls are recorded, or null to only say who records */
    CallRecordingCli(ControlClient client, VoiceEngine engine, CallDesk desk, long selfId, Path root,
                     IntFunction<String> speakerNames, PrintWriter out) {
        this.client = client;
        this.engine = engine;
        this.root = root;
        this.speakerNames = speakerNames;
        this.selfId = selfId;
        this.out = out;
        subscriptions.add(client.on(Recording.State.class, this::told));
        subscriptions.add(desk.onChange(this::callChanged));
    }

    /** Event thread: the room says who records a call of mine now. */
    private void told(Recording.State state) {
        if (!state.forCall()) {
            return;
        }
        Set<String> now = new LinkedHashSet<>();
        for (UserInfo recorder : state.recorders()) {
            if (recorder.id() != selfId) {
                now.add(recorder.name());
            }
        }
        Set<String> before = state.callId() == toldCall ? othersRecording : Set.of();
        now.stream().filter(name -> !before.contains(name)).forEach(name -> say(name + " is recording this call"));
        before.stream().filter(name -> !now.contains(name)).forEach(name -> say(name + " stopped recording this call"));
        toldCall = state.callId();
        othersRecording = now;
    }

    /** Event thread: records a call once it is answered, and finishes the files when it ends. */
    private void callChanged(CallDesk.CurrentCall call) {
        if (root == null) {
            return;
        }
        if (call.active()) {
            Path folder = root.resolve(RecordingLibrary.callFolderName(call.peer().name(), LocalDateTime.now()));
            worker.execute(() -> start(folder, call.peer().name()));
        } else if (call.ended()) {
            worker.execute(this::finish);
        }
    }

    /** Worker thread. */
    private void start(Path folder, String peer) {
        if (recording != null) {
            return;
        }
        try {
            // A call recording holds two voices only: mine, and otherwise the peer's (whose name the room
            // may never have sent me if they came online after I signed in).
            IntFunction<String> names = session -> {
                String name = speakerNames.apply(session);
                return name != null ? name : peer;
            };
            recording = ChannelRecording.startCall(client, engine, folder, names).get(10, TimeUnit.SECONDS);
            say("Recording the call with " + peer + " into " + folder);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            say("Not recording the call: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Worker thread: closes my recording, if any, and prints its files. */
    private void finish() {
        if (recording == null) {
            return;
        }
        try {
            List<Path> files = recording.stop();
            StringBuilder text = new StringBuilder("Recorded the call: " + files.size() + " file"
                    + (files.size() == 1 ? "" : "s") + ":");
            files.forEach(file -> text.append(System.lineSeparator()).append("  ").append(file));
            say(text.toString());
        } catch (IOException e) {
            LOG.warn("Could not finish the call recording", e);
            say("The call recording failed: " + e.getMessage());
        } finally {
            recording = null;
        }
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** Finishes a recording still running (the run is over) and waits until its files are written. */
    @Override
    public void close() throws InterruptedException {
        subscriptions.forEach(Subscription::close);
        worker.execute(this::finish);
        worker.shutdown();
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.warn("The call recording was still being written when the CLI stopped");
        }
    }
}
