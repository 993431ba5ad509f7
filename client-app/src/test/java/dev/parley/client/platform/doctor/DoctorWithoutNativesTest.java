package dev.parley.client.platform.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.cli.DoctorCommand;
import dev.parley.client.platform.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Parley whose install lacks webrtc-java's natives for this machine (what a Windows user got from a
 * Linux-built client): the doctor says echo cancellation did not load, and why, instead of failing silently.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DoctorWithoutNativesTest {
    @TempDir
    Path temp;

    @Test
    void saysEchoCancellationDidNotLoadAndWhy() throws Exception {
        Path log = temp.resolve("doctor.log");
        // The whole class path but the jar holding webrtc-java's native library for this platform.
        Process doctor = ChildJvm.start(log, entry -> !entry.getFileName().toString().matches("webrtc-java-.*-(linux|windows|macos)-.*\\.jar"),
                List.of(), DoctorCommand.class.getName(), "--no-open", "--data", temp.resolve("data").toString());

        assertThat(doctor.waitFor(90, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(log);
        assertThat(doctor.exitValue()).as(report).isZero();
        assertThat(report).contains("== Echo cancellation", "NOT loaded: voice works, without echo cancellation");
        assertThat(report).containsPattern("because: \\w+(Error|Exception): ");
        assertThat(report).contains("webrtc natives: none on the class path");
    }
}
