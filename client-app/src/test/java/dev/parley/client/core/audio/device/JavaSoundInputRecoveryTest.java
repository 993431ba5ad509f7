package dev.parley.client.core.audio.device;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.core.audio.PcmFormat;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.Control;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineListener;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What real capture devices do to {@link JavaSoundInput}: audio in odd-sized pieces and bursts, a line that
 * stops delivering mid-call (a wedged or suspended device: Java Sound's blocking read then waits for ever),
 * one that throws, one closed under us. Scripted lines stand in for the device (a real sound server cannot
 * be made to do these on demand); the old blocking read hung on the silent line.
 */
@Timeout(20)
class JavaSoundInputRecoveryTest {

    private static final AudioFormat FORMAT = new AudioFormat(48_000, 16, 1, true, false);

    @Test
    void shortReadsAndBurstsAddUpToWholeChunks() {
        ScriptedLine line = new ScriptedLine(1);
        // 3,884 bytes: four chunks and a bit, in odd pieces. (Once the reader has caught up with the line: a
        // full line before that is old audio from before the start, skipped; see CaptureBacklog.)
        line.deliver(100, 6, 2_000, 1_778);
        JavaSoundInput input = new JavaSoundInput("mic", new JavaSoundInput.OpenedLine(line, FORMAT), () -> {
            throw new AssertionError("no re-open expected");
        });
        input.start();
        short[] chunk = PcmFormat.newChunk();
        for (int i = 0; i < 4; i++) {
            assertThat(input.read(chunk)).isTrue();
            assertThat(chunk[0]).isEqualTo((short) 1);
        }
        assertThat(input.health().reopens()).isZero();
        assertThat(input.description()).isEqualTo("mic");
    }

    @Test
    void aLineThatStopsDeliveringIsReplacedByTheDefault() {
        ScriptedLine dead = new ScriptedLine(1);
        dead.deliver(960); // one chunk, then nothing ever again
        ScriptedLine fallback = new ScriptedLine(2);
        fallback.deliver(960, 960);
        AtomicInteger opened = new AtomicInteger();
        JavaSoundInput input = new JavaSoundInput("usb mic", new JavaSoundInput.OpenedLine(dead, FORMAT), () -> {
            opened.incrementAndGet();
            return new JavaSoundInput.OpenedLine(fallback, FORMAT);
        });
        input.start();
        short[] chunk = PcmFormat.newChunk();
        assertThat(input.read(chunk)).isTrue();
        long before = System.nanoTime();

        assertThat(input.read(chunk)).isTrue();

        assertThat(chunk[0]).isEqualTo((short) 2);
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(JavaSoundInput.SILENT_NANOS);
        assertThat(opened).hasValue(1);
        assertThat(dead.closed).isTrue();
        assertThat(fallback.started).isTrue();
        assertThat(input.health().reopens()).isEqualTo(1);
        assertThat(input.health().device()).isEqualTo(AudioDevices.DEFAULT);
    }

    @Test
    void aLineThatThrowsOrIsClosedUnderUsIsReplacedAtOnce() {
        ScriptedLine failing = new ScriptedLine(1);
        failing.failWith = new IllegalStateException("device unplugged");
        ScriptedLine closedUnderUs = new ScriptedLine(2);
        closedUnderUs.open = false;
        ScriptedLine good = new ScriptedLine(3);
        good.deliver(960);
        Deque<ScriptedLine> next = new ArrayDeque<>(java.util.List.of(closedUnderUs, good));
        JavaSoundInput input = new JavaSoundInput("mic", new JavaSoundInput.OpenedLine(failing, FORMAT),
                () -> new JavaSoundInput.OpenedLine(next.removeFirst(), FORMAT));
        input.start();
        short[] chunk = PcmFormat.newChunk();
        long before = System.nanoTime();

        assertThat(input.read(chunk)).isTrue();

        assertThat(chunk[0]).isEqualTo((short) 3);
        assertThat(System.nanoTime() - before).isLessThan(JavaSoundInput.SILENT_NANOS);
        assertThat(input.health().reopens()).isEqualTo(2);
    }

    @Test
    void closeEndsAPendingRead() throws Exception {
        ScriptedLine quiet = new ScriptedLine(1);
        JavaSoundInput input = new JavaSoundInput("mic", new JavaSoundInput.OpenedLine(quiet, FORMAT),
                () -> new JavaSoundInput.OpenedLine(new ScriptedLine(2), FORMAT));
        input.start();
        java.util.concurrent.CompletableFuture<Boolean> read = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> input.read(PcmFormat.newChunk()));
        input.close();
        assertThat(read.get(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
    }

    /** A line that hands out scripted pieces of audio (every sample = {@code value}), non-blocking. */
    private static final class ScriptedLine implements TargetDataLine {
        private final short value;
        private final Deque<Integer> pieces = new ArrayDeque<>();
        volatile boolean open = true;
        volatile boolean started;
        volatile boolean closed;
        RuntimeException failWith;

        ScriptedLine(int value) {
            this.value = (short) value;
        }

        void deliver(int... bytes) {
            for (int b : bytes) {
                pieces.add(b);
            }
        }

        @Override
        public synchronized int available() {
            if (failWith != null) {
                throw failWith;
            }
            return pieces.isEmpty() ? 0 : pieces.peekFirst();
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            if (pieces.isEmpty()) {
                throw new AssertionError("a read without available audio would block on a real line");
            }
            int piece = pieces.removeFirst();
            int n = Math.min(len, piece);
            if (n < piece) {
                pieces.addFirst(piece - n);
            }
            for (int i = off; i < off + n; i++) {
                b[i] = (byte) ((i & 1) == 0 ? value : value >> 8);
            }
            return n;
        }

        @Override
        public void open(AudioFormat format, int bufferSize) {
        }

        @Override
        public void open(AudioFormat format) {
        }

        @Override
        public void open() {
        }

        @Override
        public void drain() {
        }

        @Override
        public void flush() {
        }

        @Override
        public void start() {
            started = true;
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return started;
        }

        @Override
        public boolean isActive() {
            return started;
        }

        @Override
        public AudioFormat getFormat() {
            return FORMAT;
        }

        @Override
        public int getBufferSize() {
            return 1_920;
        }

        @Override
        public int getFramePosition() {
            return 0;
        }

        @Override
        public long getLongFramePosition() {
            return 0;
        }

        @Override
        public long getMicrosecondPosition() {
            return 0;
        }

        @Override
        public float getLevel() {
            return 0;
        }

        @Override
        public Line.Info getLineInfo() {
            return new Line.Info(TargetDataLine.class);
        }

        @Override
        public void close() {
            closed = true;
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public Control[] getControls() {
            return new Control[0];
        }

        @Override
        public boolean isControlSupported(Control.Type control) {
            return false;
        }

        @Override
        public Control getControl(Control.Type control) {
            throw new IllegalArgumentException("no controls");
        }

        @Override
        public void addLineListener(LineListener listener) {
        }

        @Override
        public void removeLineListener(LineListener listener) {
        }
    }
}
