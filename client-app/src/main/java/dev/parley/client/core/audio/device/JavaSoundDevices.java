package dev.parley.client.core.audio.device;

import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.AudioInput;
import dev.parley.client.core.audio.AudioOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sound cards through {@code javax.sound.sampled}. A device is a {@link Mixer} that offers capture
 * ({@link TargetDataLine}) or playback ({@link SourceDataLine}) lines. Lines open at 48 kHz mono 16-bit
 * when the device supports it, otherwise at the first supported of 44.1/32/16/96/22.05/8 kHz, mono or
 * stereo, and the conversion to and from the engine format happens in Java.
 *
 * <p>Listing never throws: a machine without sound hardware lists just {@link #DEFAULT}, which then fails
 * to open with an {@link AudioDeviceException}. Thread-safe (stateless).
 */
public final class JavaSoundDevices implements AudioDevices {

    private static final Logger LOG = LoggerFactory.getLogger(JavaSoundDevices.class);
    private static final int[] RATES = {48_000, 44_100, 32_000, 16_000, 96_000, 22_050, 8_000};
    /**
     * Capture: 20 ms. Java Sound gives a line of up to 1,024 frames two periods (here 10 ms each) and a
     * larger one 20 ms periods, and through PulseAudio audio arrives a period at a time: with 40 ms it came
     * in pairs of chunks every 20 ms (≈ 12 ms more delay and bursts the jitter buffer takes for network
     * jitter). Measured through PulseAudio 16: a 100 ms stall of the reader lost nothing with 20 ms (the
     * server keeps the backlog and the reads catch up); larger buffers gave second-long gaps (FIELD-NOTES).
     */
    private static final int INPUT_BUFFER_MILLIS = 20;
    /**
     * Playback: room for a refill after an underrun; only a small cushion of it is kept queued
     * ({@link LineCushion}), so latency does not grow with it. 100 ms recovered best through PulseAudio.
     */
    private static final int OUTPUT_BUFFER_MILLIS = 100;

    @Override
    public List<AudioDeviceInfo> inputs() {
        return list(TargetDataLine.class);
    }

    @Override
    public List<AudioDeviceInfo> outputs() {
        return list(SourceDataLine.class);
    }

    @Override
    public AudioInput openInput(String name) {
        String choice = inputChoice();
        if (DEFAULT.equals(name) && !"javasound".equals(choice)) {
            String why = dev.parley.client.core.audio.pulse.PulseInput.unavailable().orElse(null);
            if (why == null) {
                try {
                    AudioInput pulse = dev.parley.client.core.audio.pulse.PulseInput.open();
                    LOG.info("Microphone: PulseAudio (default source, {} ms fragments)",
                            dev.parley.client.core.audio.pulse.PulseInput.FRAGMENT_MILLIS);
                    return pulse;
                } catch (AudioDeviceException e) {
                    why = e.getMessage();
                }
            }
            if ("pulse".equals(choice)) {
                LOG.warn("Microphone: PulseAudio asked for but unavailable ({}); using javax.sound", why);
            } else {
                LOG.info("Microphone: javax.sound (PulseAudio unavailable: {})", why);
            }
        } else {
            LOG.info("Microphone: javax.sound ('{}'{})", name, "javasound".equals(choice) ? ", -D" + INPUT_PROPERTY
                    + "=javasound" : "");
        }
        return new JavaSoundInput(name, openInputLine(name), () -> openInputLine(DEFAULT));
    }

    /**
     * Which backend captures the default microphone: {@code javasound} (the default) always uses javax.sound;
     * {@code auto} uses PulseAudio's own API ({@link dev.parley.client.core.audio.pulse.PulseInput}: a record stream
     * with 10 ms fragments) when libpulse loads and a server answers, javax.sound otherwise; {@code pulse} is the
     * same but says so at WARN when it falls back. A named device is always javax.sound. Unlike the speaker's,
     * the PulseAudio microphone is opt-in: on the sound server it cut the device part by about 4 ms but has not
     * shown a shorter whole path, and it has not yet been judged on a quiet machine (docs/BENCHMARKS.md).
     */
    public static final String INPUT_PROPERTY = "parley.audio.input";

    /** What {@link #INPUT_PROPERTY} asks for, checked: {@code auto}, {@code pulse} or {@code javasound}. */
    public static String inputChoice() {
        String choice = System.getProperty(INPUT_PROPERTY, "javasound").trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "pulse", "javasound").contains(choice)) {
            LOG.warn("Unknown -D{}={} (auto, pulse or javasound); using javasound", INPUT_PROPERTY, choice);
            return "javasound";
        }
        return choice;
    }

    private static JavaSoundInput.OpenedLine openInputLine(String name) {
        Mixer mixer = DEFAULT.equals(name) ? null : findMixer(name, TargetDataLine.class);
        AudioFormat format = chooseFormat(mixer, TargetDataLine.class, name);
        TargetDataLine line = (TargetDataLine) openLine(mixer, TargetDataLine.class, format, name, INPUT_BUFFER_MILLIS);
        LOG.info("Opened input '{}' at {}", name, format);
        return new JavaSoundInput.OpenedLine(line, format);
    }

    /**
     * Which backend plays on the default speaker: {@code auto} (the default) uses PulseAudio's own API
     * ({@link dev.parley.client.core.audio.pulse.PulseOutput}: a stream buffer that starts at 20 ms and adapts
     * to underruns; the device part of mouth-to-ear about 10 ms lower than javax.sound's, docs/BENCHMARKS.md)
     * when libpulse loads and a server answers, javax.sound otherwise; {@code pulse} is the same but says so
     * at WARN when it falls back; {@code javasound} always uses javax.sound. A named device is always javax.sound.
     */
    public static final String OUTPUT_PROPERTY = "parley.audio.output";

    /** What {@link #OUTPUT_PROPERTY} asks for, checked: {@code auto}, {@code pulse} or {@code javasound}. */
    public static String outputChoice() {
        String choice = System.getProperty(OUTPUT_PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("auto", "pulse", "javasound").contains(choice)) {
            LOG.warn("Unknown -D{}={} (auto, pulse or javasound); using auto", OUTPUT_PROPERTY, choice);
            return "auto";
        }
        return choice;
    }

    @Override
    public AudioOutput openOutput(String name) {
        String choice = outputChoice();
        if (DEFAULT.equals(name) && !"javasound".equals(choice)) {
            String why = dev.parley.client.core.audio.pulse.PulseOutput.unavailable().orElse(null);
            if (why == null) {
                try {
                    AudioOutput pulse = dev.parley.client.core.audio.pulse.PulseOutput.open();
                    LOG.info("Speaker: PulseAudio (default sink, adaptive stream buffer)");
                    return pulse;
                } catch (dev.parley.client.core.audio.AudioDeviceException e) {
                    why = e.getMessage();
                }
            }
            if ("pulse".equals(choice)) {
                LOG.warn("Speaker: PulseAudio asked for but unavailable ({}); using javax.sound", why);
            } else {
                LOG.info("Speaker: javax.sound (PulseAudio unavailable: {})", why);
            }
        } else {
            LOG.info("Speaker: javax.sound ('{}'{})", name, "javasound".equals(choice) ? ", -D" + OUTPUT_PROPERTY
                    + "=javasound" : "");
        }
        return new JavaSoundOutput(name, openOutputLine(name), () -> openOutputLine(DEFAULT));
    }

    private static JavaSoundOutput.OpenedLine openOutputLine(String name) {
        Mixer mixer = DEFAULT.equals(name) ? null : findMixer(name, SourceDataLine.class);
        AudioFormat format = chooseFormat(mixer, SourceDataLine.class, name);
        SourceDataLine line = (SourceDataLine) openLine(mixer, SourceDataLine.class, format, name, OUTPUT_BUFFER_MILLIS);
        LOG.info("Opened output '{}' at {} with a {} ms buffer", name, format, line.getBufferSize() * 1000L
                / Math.max(1, Math.round(format.getSampleRate()) * format.getFrameSize()));
        return new JavaSoundOutput.OpenedLine(line, format);
    }

    private static List<AudioDeviceInfo> list(Class<? extends Line> lineType) {
        List<AudioDeviceInfo> devices = new ArrayList<>();
        devices.add(new AudioDeviceInfo(DEFAULT, "System default"));
        mixers(lineType).forEach((name, mixer) -> devices.add(new AudioDeviceInfo(name, describe(mixer.getMixerInfo()))));
        return List.copyOf(devices);
    }

    /** Mixers offering {@code lineType}, by unique display name; duplicates get " (2)", " (3)". */
    private static Map<String, Mixer> mixers(Class<? extends Line> lineType) {
        Map<String, Mixer> byName = new LinkedHashMap<>();
        Mixer.Info[] infos;
        try {
            infos = AudioSystem.getMixerInfo();
        } catch (RuntimeException | LinkageError e) {
            // sound providers are third-party code: a broken one must not break device listing
            LOG.warn("Cannot enumerate sound devices: {}", e.toString());
            return byName;
        }
        for (Mixer.Info info : infos) {
            try {
                Mixer mixer = AudioSystem.getMixer(info);
                if (mixer.isLineSupported(new Line.Info(lineType))) {
                    String name = info.getName();
                    for (int n = 2; byName.containsKey(name) || DEFAULT.equals(name); n++) {
                        name = info.getName() + " (" + n + ")";
                    }
                    byName.put(name, mixer);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Skipping sound device '{}': {}", info.getName(), e.toString());
            }
        }
        return byName;
    }

    private static String describe(Mixer.Info info) {
        return (info.getVendor() + " " + info.getDescription()).trim();
    }

    private static Mixer findMixer(String name, Class<? extends Line> lineType) {
        Mixer mixer = mixers(lineType).get(name);
        if (mixer == null) {
            throw new AudioDeviceException("no such audio device: " + name);
        }
        return mixer;
    }

    private static AudioFormat chooseFormat(Mixer mixer, Class<? extends Line> lineType, String name) {
        for (int rate : RATES) {
            for (int channels = 1; channels <= 2; channels++) {
                AudioFormat format = new AudioFormat(rate, 16, channels, true, false);
                DataLine.Info info = new DataLine.Info(lineType, format);
                boolean supported;
                try {
                    supported = mixer == null ? AudioSystem.isLineSupported(info) : mixer.isLineSupported(info);
                } catch (RuntimeException | LinkageError e) {
                    throw new AudioDeviceException("cannot query audio device " + name, e);
                }
                if (supported) {
                    return format;
                }
            }
        }
        throw new AudioDeviceException("audio device " + name + " supports no 16-bit PCM format we can use");
    }

    /**
     * Opens a line on a short-lived thread of top priority, whatever thread asked. Why: a line through the
     * ALSA pulse plugin gets a libpulse thread of its own, started while the line opens, and Linux gives a
     * new thread its creator's nice value. That thread moves every period between the sound server and the
     * line; left at the caller's priority (the UI thread, nice 0) it starved beside two busy loops, the
     * server dropped what it could not hand over, and the microphone lost a third of its audio (20 ms
     * packets 33 ms apart for a second). Opened from here it runs at the audio threads' priority
     * (nice -5 where the JVM may raise it, see the launcher's ThreadPriorityPolicy).
     */
    private static DataLine openLine(Mixer mixer, Class<? extends Line> lineType, AudioFormat format, String name,
            int bufferMillis) {
        DataLine[] opened = new DataLine[1];
        Throwable[] failed = new Throwable[1];
        Thread opener = new Thread(() -> {
            try {
                opened[0] = openLineHere(mixer, lineType, format, name, bufferMillis);
            } catch (RuntimeException | LinkageError e) {
                // sound providers are third-party code: their failures reach the caller, never kill a thread
                failed[0] = e;
            }
        }, "parley-audio-open");
        opener.setDaemon(true);
        opener.setPriority(Thread.MAX_PRIORITY);
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AudioDeviceException("interrupted while opening audio device " + name, e);
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failed[0] != null) {
            throw new AudioDeviceException("cannot open audio device " + name + ": " + failed[0], failed[0]);
        }
        return opened[0];
    }

    private static DataLine openLineHere(Mixer mixer, Class<? extends Line> lineType, AudioFormat format, String name,
            int bufferMillis) {
        DataLine.Info info = new DataLine.Info(lineType, format);
        int bufferBytes = Math.round(format.getSampleRate() * bufferMillis / 1000f) * format.getFrameSize();
        try {
            Line line = mixer == null ? AudioSystem.getLine(info) : mixer.getLine(info);
            if (line instanceof TargetDataLine target) {
                target.open(format, bufferBytes);
            } else if (line instanceof SourceDataLine source) {
                source.open(format, bufferBytes);
            } else {
                throw new AudioDeviceException("audio device " + name + " returned an unexpected line " + line);
            }
            return (DataLine) line;
        } catch (LineUnavailableException | RuntimeException e) {
            if (e instanceof AudioDeviceException ade) {
                throw ade;
            }
            throw new AudioDeviceException("cannot open audio device " + name + ": " + e.getMessage(), e);
        }
    }
}
