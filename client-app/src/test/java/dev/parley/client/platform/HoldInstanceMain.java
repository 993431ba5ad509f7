package dev.parley.client.platform;

import java.nio.file.Path;
import java.time.Duration;

/** A child process that claims the single instance for a folder, says so, and waits to be killed. */
public final class HoldInstanceMain {
    private HoldInstanceMain() {
    }

    public static void main(String[] args) throws Exception {
        SingleInstance.Claim claim = SingleInstance.claim(Path.of(args[0]), "", link -> { }, Duration.ofSeconds(5));
        System.out.println(claim instanceof SingleInstance.First ? "first" : "handed-off");
        System.out.flush();
        System.in.read(); // until the test kills us
    }
}
