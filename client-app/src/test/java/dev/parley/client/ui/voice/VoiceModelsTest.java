package dev.parley.client.ui.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.parley.client.core.Subscription;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import dev.parley.client.core.audio.capture.TransmitMode;
import dev.parley.client.core.audio.device.AudioDeviceInfo;
import dev.parley.client.core.audio.device.AudioDevices;
import dev.parley.client.core.audio.device.AbsentAudioInput;
import dev.parley.client.core.audio.device.NullAudioInput;
import dev.parley.client.core.audio.device.NullAudioOutput;
import dev.parley.client.core.audio.dsp.AudioLevel;
import dev.parley.client.core.voice.VoiceSettings;
import dev.parley.client.ui.app.PreferencesStore;
import dev.parley.client.ui.app.VoicePreferences;
import dev.parley.client.ui.fx.UiThread;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Voice bar maths and decisions, without the JavaFX toolkit. */
class VoiceModelsTest {
    @TempDir
    Path home;

    @Test
    void meterScaleMapsMinusSixtyToZeroDbfsOntoTheBar() {
        assertThat(MeterScale.toMeter(-60)).isZero();
        assertThat(MeterScale.toMeter(-90)).isZero();
        assertThat(MeterScale.toMeter(0)).isEqualTo(1);
        assertThat(MeterScale.toMeter(-45)).isCloseTo(0.25, within(1e-9));
        assertThat(MeterScale.toDbfs(0.25)).isCloseTo(-45, within(1e-9));
        assertThat(MeterScale.toDbfs(1.7)).isZero();
    }

    @Test
    void committingTheThresholdTellsVoiceAndRemembersItInDbfs() {
        FakeVoice voice = new FakeVoice();
        try (PreferencesStore prefs = PreferencesStore.open(home);
             VoiceBarViewModel bar = new VoiceBarViewModel(voice, prefs, UiThread.direct())) {
            assertThat(voice.thresholdDbfs).isEqualTo(-45);

            bar.commitThreshold(0.5);

            assertThat(voice.thresholdDbfs).isCloseTo(-30, within(1e-9));
            assertThat(prefs.get().voice().vadThresholdDbfs()).isCloseTo(-30, within(1e-9));
            assertThat(bar.thresholdProperty().get()).isEqualTo(0.5);
        }
    }

    @Test
    void levelsAndTalkingFromVoiceReachTheBar() {
        FakeVoice voice = new FakeVoice();
        try (PreferencesStore prefs = PreferencesStore.open(home);
             VoiceBarViewModel bar = new VoiceBarViewModel(voice, prefs, UiThread.direct())) {
            voice.levels.forEach(listener -> listener.accept(new AudioLevel(-20, -30)));
            voice.talking.forEach(listener -> listener.accept(true));
            voice.notices.forEach(listener -> listener.accept("No microphone found: others cannot hear you"));

            assertThat(bar.levelProperty().get()).isCloseTo(0.5, within(1e-9));
            assertThat(bar.transmittingProperty().get()).isTrue();
            assertThat(bar.noticeProperty().get()).startsWith("No microphone");
        }
    }

    @Test
    void linkTextShowsPathRoundTripAndLoss() {
        assertThat(VoiceBarViewModel.describe(Optional.empty())).isEqualTo("voice off");
        assertThat(VoiceBarViewModel.describe(Optional.of(new VoiceControls.LinkQuality(-1, 0, "probing"))))
                .isEqualTo("probing");
        assertThat(VoiceBarViewModel.describe(Optional.of(new VoiceControls.LinkQuality(23.4, 1.25, "UDP"))))
                .isEqualTo("UDP 23 ms · 1.3 % loss");
    }

    @Test
    void aJitteringRoundTripLeavesTheLinkLabelAloneUntilItReallyMoves() {
        FakeVoice voice = new FakeVoice();
        try (PreferencesStore prefs = PreferencesStore.open(home);
             VoiceBarViewModel bar = new VoiceBarViewModel(voice, prefs, UiThread.direct())) {
            List<String> shown = new ArrayList<>();
            bar.linkProperty().addListener((obs, old, now) -> shown.add(now));
            bar.refreshLink();
            voice.link = new VoiceControls.LinkQuality(1.2, 0, "UDP");
            bar.refreshLink();
            // Before: every refresh with a new millisecond changed the label (and relaid the window out).
            for (double rtt : new double[] {0.4, 2.0, 1.1, 3.9, 0.8}) {
                voice.link = new VoiceControls.LinkQuality(rtt, 0.2, "UDP");
                bar.refreshLink();
            }
            assertThat(shown).containsExactly("voice off", "UDP 1 ms · 0.0 % loss");

            voice.link = new VoiceControls.LinkQuality(48, 0.2, "UDP");
            bar.refreshLink();
            voice.link = new VoiceControls.LinkQuality(52, 0.3, "UDP");
            bar.refreshLink();
            voice.link = new VoiceControls.LinkQuality(52, 3.5, "UDP");
            bar.refreshLink();
            voice.link = new VoiceControls.LinkQuality(52, 3.5, "TCP");
            bar.refreshLink();
            voice.link = null;
            bar.refreshLink();
            assertThat(shown).containsExactly("voice off", "UDP 1 ms · 0.0 % loss", "UDP 48 ms · 0.2 % loss",
                    "UDP 52 ms · 3.5 % loss", "TCP 52 ms · 3.5 % loss", "voice off");
        }
    }

    @Test
    void anIdleRefreshLeavesTheUiThreadAsleepUntilALabelChanges() {
        FakeVoice voice = new FakeVoice();
        List<Runnable> handedOver = new ArrayList<>();
        UiThread counting = work -> {
            handedOver.add(work);
            work.run();
        };
        try (PreferencesStore prefs = PreferencesStore.open(home);
             VoiceBarViewModel bar = new VoiceBarViewModel(voice, prefs, counting)) {
            voice.link = new VoiceControls.LinkQuality(1.2, 0, "UDP");
            assertThat(bar.refreshLink()).isTrue();
            int afterFirst = handedOver.size();
            // An idle room: the round trip jitters by a millisecond, nobody speaks, no device trouble.
            for (double rtt : new double[] {0.4, 2.0, 1.1, 3.9, 0.8, 1.2, 1.3}) {
                voice.link = new VoiceControls.LinkQuality(rtt, 0, "UDP");
                assertThat(bar.refreshLink()).isFalse();
            }
            // Before: the ticker handed every refresh to the UI thread, once a second for the life of the room.
            assertThat(handedOver).hasSize(afterFirst);
            assertThat(bar.linkProperty().get()).isEqualTo("UDP 1 ms · 0.0 % loss");

            voice.link = new VoiceControls.LinkQuality(40, 0, "UDP");
            assertThat(bar.refreshLink()).isTrue();
            assertThat(handedOver).hasSize(afterFirst + 1);
            assertThat(bar.linkProperty().get()).isEqualTo("UDP 40 ms · 0.0 % loss");
        }
    }

    @Test
    void onlyDeviceProcessingAndCodecChangesRestartVoice() {
        VoicePreferences base = VoicePreferences.defaults();
        assertThat(VoiceSetup.needsRestart(base, base.withTransmitMode(TransmitMode.ALWAYS_ON).withPttKey("F10")
                .withVadThresholdDbfs(-30))).isFalse();
        assertThat(VoiceSetup.needsRestart(base, base.withDevices("USB mic", ""))).isTrue();
        assertThat(VoiceSetup.needsRestart(base, base.withProcessing(false, true, true))).isTrue();
        assertThat(VoiceSetup.needsRestart(base, base.withCodec(64_000, 20))).isTrue();
    }

    @Test
    void preferencesBecomeEngineSettings() {
        VoiceSettings settings = VoiceSetup.settings(VoicePreferences.defaults().withCodec(48_000, 40)
                .withProcessing(false, true, false).withVadThresholdDbfs(-33).withTransmitMode(TransmitMode.PUSH_TO_TALK));

        assertThat(settings.opus().bitrateBps()).isEqualTo(48_000);
        assertThat(settings.opus().frameMillis()).isEqualTo(40);
        assertThat(settings.processing().echoCancellation()).isFalse();
        assertThat(settings.processing().noiseSuppression()).isTrue();
        assertThat(settings.processing().gainControl()).isFalse();
        assertThat(settings.activation().openThresholdDbfs()).isEqualTo(-33);
        assertThat(settings.transmitMode()).isEqualTo(TransmitMode.PUSH_TO_TALK);
    }

    @Test
    void aDeviceThatWillNotOpenFallsBackToTheDefaultThenToSilenceWithANote() {
        FlakyDevices devices = new FlakyDevices(List.of("default"), List.of());
        VoiceSetup.Devices opened = VoiceSetup.open(devices, VoicePreferences.defaults().withDevices("USB mic", "USB"));

        assertThat(opened.input()).isInstanceOf(AbsentAudioInput.class);
        assertThat(opened.note()).isEqualTo("No microphone found: others cannot hear you");
        assertThat(devices.tried).containsExactly("in:USB mic", "in:default", "out:USB", "out:default");
    }

    @Test
    void userVolumesAreRememberedPerRoomByNameAndReappliedByTheNewId() {
        FakeVoice voice = new FakeVoice();
        try (PreferencesStore prefs = PreferencesStore.open(home)) {
            UserVolumes volumes = new UserVolumes(prefs, "10.0.0.2:7720", voice);
            volumes.set(5, "bob", 150, false);
            assertThat(voice.volumes).containsEntry(5L, 150);
            assertThat(volumes.volumeOf("bob")).isEqualTo(UserVolumes.DEFAULT_PERCENT);

            volumes.set(5, "bob", 160, true);
            assertThat(volumes.volumeOf("bob")).isEqualTo(160);
            assertThat(new UserVolumes(prefs, "10.0.0.3:7720", voice).volumeOf("bob")).isEqualTo(100);

            FakeVoice later = new FakeVoice();
            UserVolumes nextVisit = new UserVolumes(prefs, "10.0.0.2:7720", later);
            nextVisit.userPresent(42, "bob");
            nextVisit.userPresent(43, "carol");
            assertThat(later.volumes).containsExactly(Map.entry(42L, 160));
        }
    }

    /** Records what the view-models ask of voice. */
    private static final class FakeVoice implements VoiceControls {
        volatile LinkQuality link;
        final List<Consumer<? super AudioLevel>> levels = new ArrayList<>();
        final List<Consumer<? super Boolean>> talking = new ArrayList<>();
        final List<Consumer<? super String>> notices = new ArrayList<>();
        final Map<Long, Integer> volumes = new HashMap<>();
        double thresholdDbfs = Double.NaN;

        @Override
        public void setTransmitMode(TransmitMode mode) {
        }

        @Override
        public void setPushToTalk(boolean pressed) {
        }

        @Override
        public CompletableFuture<?> setSelfMuted(boolean muted) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<?> setDeafened(boolean deafened) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void setVoiceActivationThreshold(double dbfs) {
            thresholdDbfs = dbfs;
        }

        @Override
        public void setUserVolume(long userId, int percent) {
            volumes.put(userId, percent);
        }

        @Override
        public void reconfigure(VoicePreferences preferences) {
        }

        @Override
        public Subscription onNotice(Consumer<? super String> listener) {
            notices.add(listener);
            return () -> notices.remove(listener);
        }

        @Override
        public Subscription onInputLevel(Consumer<? super AudioLevel> listener) {
            levels.add(listener);
            return () -> levels.remove(listener);
        }

        @Override
        public Subscription onSelfTalking(Consumer<? super Boolean> listener) {
            talking.add(listener);
            return () -> talking.remove(listener);
        }

        @Override
        public Optional<LinkQuality> linkQuality() {
            return Optional.ofNullable(link);
        }

        @Override
        public void close() {
        }
    }

    /** Opens only the named devices; everything else fails as a missing sound card does. */
    private static final class FlakyDevices implements AudioDevices {
        final List<String> tried = new ArrayList<>();
        private final List<String> workingInputs;
        private final List<String> workingOutputs;

        FlakyDevices(List<String> workingOutputs, List<String> workingInputs) {
            this.workingOutputs = workingOutputs;
            this.workingInputs = workingInputs;
        }

        @Override
        public List<AudioDeviceInfo> inputs() {
            return List.of();
        }

        @Override
        public List<AudioDeviceInfo> outputs() {
            return List.of();
        }

        @Override
        public AudioInput openInput(String name) {
            tried.add("in:" + name);
            if (!workingInputs.contains(name)) {
                throw new AudioDeviceException("no such audio device: " + name);
            }
            return new NullAudioInput();
        }

        @Override
        public AudioOutput openOutput(String name) {
            tried.add("out:" + name);
            if (!workingOutputs.contains(name)) {
                throw new AudioDeviceException("no such audio device: " + name);
            }
            return new NullAudioOutput();
        }
    }
}
