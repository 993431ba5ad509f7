package dev.parley.client.platform.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;

/**
 * Lists the sound devices Java sees and which of the formats Parley may use each accepts; Parley's own
 * format (48 kHz mono 16-bit) is really opened and closed again on each device, because "supported" in the
 * list is not always "opens". Reads devices only: it changes nothing in Parley's audio code or settings.
 */
final class AudioCheck {
    static final AudioFormat PARLEY = new AudioFormat(48_000, 16, 1, true, false);
    private static final List<AudioFormat> FORMATS = List.of(PARLEY, new AudioFormat(48_000, 16, 2, true, false),
            new AudioFormat(44_100, 16, 1, true, false), new AudioFormat(44_100, 16, 2, true, false),
            new AudioFormat(16_000, 16, 1, true, false));

    private AudioCheck() {
    }

    static List<String> run(boolean open) {
        List<String> lines = new ArrayList<>();
        Mixer.Info[] mixers;
        try {
            mixers = AudioSystem.getMixerInfo();
        } catch (RuntimeException | LinkageError e) {
            return List.of("Java cannot list sound devices: " + e);
        }
        int devices = 0;
        for (Mixer.Info info : mixers) {
            Mixer mixer = AudioSystem.getMixer(info);
            for (Class<? extends DataLine> kind : List.of(TargetDataLine.class, SourceDataLine.class)) {
                if (!mixer.isLineSupported(new Line.Info(kind))) {
                    continue;
                }
                devices++;
                String role = kind == TargetDataLine.class ? "capture" : "playback";
                List<String> accepted = new ArrayList<>();
                for (AudioFormat format : FORMATS) {
                    if (mixer.isLineSupported(new DataLine.Info(kind, format))) {
                        accepted.add(describe(format));
                    }
                }
                lines.add(String.format(Locale.ROOT, "%s \"%s\" (%s): lists %s", role, info.getName(), info.getDescription(),
                        accepted.isEmpty() ? "none of Parley's formats" : String.join(", ", accepted)));
                if (open) {
                    lines.add("    opens " + describe(PARLEY) + ": " + tryOpen(mixer, kind));
                }
            }
        }
        lines.add(speaker(open));
        lines.add(microphone(open));
        if (devices == 0) {
            lines.add("No sound devices: Java lists none (no sound server running, or no permission to use one).");
        }
        return lines;
    }

    /**
     * Which backend the default speaker uses (what {@code JavaSoundDevices.openOutput} decides): PulseAudio when
     * libpulse loads and a server answers (tried by opening a stream and closing it, nothing is played), javax.sound
     * otherwise, with the reason.
     */
    static String speaker(boolean open) {
        String choice = dev.parley.client.core.audio.device.JavaSoundDevices.outputChoice();
        String prefix = "Speaker output (-D" + dev.parley.client.core.audio.device.JavaSoundDevices.OUTPUT_PROPERTY + "="
                + choice + "): ";
        if ("javasound".equals(choice)) {
            return prefix + "javax.sound (-D" + dev.parley.client.core.audio.device.JavaSoundDevices.INPUT_PROPERTY
                    + "=auto tries PulseAudio's own API)";
        }
        String why = dev.parley.client.core.audio.pulse.PulseOutput.unavailable().orElse(null);
        if (why == null && !open) {
            return prefix + "PulseAudio if a server answers (libpulse loads; not tried)";
        }
        if (why == null) {
            try (dev.parley.client.core.audio.pulse.PulseOutput pulse = dev.parley.client.core.audio.pulse.PulseOutput.open()) {
                return prefix + "PulseAudio (adaptive stream buffer, " + pulse.bufferMillis() + " ms to start)";
            } catch (dev.parley.client.core.audio.AudioDeviceException e) {
                why = e.getMessage();
            }
        }
        return prefix + "javax.sound (PulseAudio not usable: " + why + ")";
    }

    /**
     * Which backend the default microphone uses (what {@code JavaSoundDevices.openInput} decides): PulseAudio when
     * libpulse loads and a server answers (tried by opening a corked record stream and closing it, nothing is
     * captured), javax.sound otherwise, with the reason.
     */
    static String microphone(boolean open) {
        String choice = dev.parley.client.core.audio.device.JavaSoundDevices.inputChoice();
        String prefix = "Microphone input (-D" + dev.parley.client.core.audio.device.JavaSoundDevices.INPUT_PROPERTY + "="
                + choice + "): ";
        if ("javasound".equals(choice)) {
            return prefix + "javax.sound (chosen)";
        }
        String why = dev.parley.client.core.audio.pulse.PulseInput.unavailable().orElse(null);
        if (why == null && !open) {
            return prefix + "PulseAudio if a server answers (libpulse loads; not tried)";
        }
        if (why == null) {
            try (dev.parley.client.core.audio.pulse.PulseInput pulse = dev.parley.client.core.audio.pulse.PulseInput.open()) {
                return prefix + "PulseAudio (record stream, " + dev.parley.client.core.audio.pulse.PulseInput.FRAGMENT_MILLIS
                        + " ms fragments)";
            } catch (dev.parley.client.core.audio.AudioDeviceException e) {
                why = e.getMessage();
            }
        }
        return prefix + "javax.sound (PulseAudio not usable: " + why + ")";
    }

    private static String tryOpen(Mixer mixer, Class<? extends DataLine> kind) {
        try {
            DataLine line = (DataLine) mixer.getLine(new DataLine.Info(kind, PARLEY));
            if (line instanceof TargetDataLine capture) {
                capture.open(PARLEY);
            } else if (line instanceof SourceDataLine playback) {
                playback.open(PARLEY);
            }
            line.close();
            return "yes";
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            return "no (" + e.getMessage() + ")";
        }
    }

    private static String describe(AudioFormat format) {
        return String.format(Locale.ROOT, "%.0f Hz %s %d-bit", format.getSampleRate(),
                format.getChannels() == 1 ? "mono" : "stereo", format.getSampleSizeInBits());
    }
}
