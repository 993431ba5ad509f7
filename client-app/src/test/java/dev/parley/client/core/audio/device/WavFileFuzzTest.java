package dev.parley.client.core.audio.device;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.client.core.audio.AudioDeviceException;
import dev.parley.client.core.audio.PcmFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the WAV reader (Jazzer): any file either plays or fails with
 * {@link AudioDeviceException}, never another exception, a hang or an absurd allocation.
 */
class WavFileFuzzTest {

    @FuzzTest(maxDuration = "3m")
    void anyFileOpensAndReadsOrFailsCleanly(byte[] contents) throws IOException {
        Path file = Files.createTempFile("fuzz", ".wav");
        try {
            Files.write(file, contents);
            readSome(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void readSome(Path file) {
        WavFileInput input;
        try {
            input = WavFileInput.open(file);
        } catch (AudioDeviceException refused) {
            return;
        }
        try (input) {
            short[] chunk = PcmFormat.newChunk();
            for (int i = 0; i < 20 && input.read(chunk); i++) {
                // reading is the test
            }
        } catch (AudioDeviceException broken) {
            // a header that lied about the data: refused cleanly
        }
    }
}
