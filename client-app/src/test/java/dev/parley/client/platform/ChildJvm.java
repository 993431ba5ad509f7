package dev.parley.client.platform;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Starts another JVM on this test run's class path: a second Parley process, for real. */
public final class ChildJvm {
    private ChildJvm() {
    }

    public static Process start(Path log, List<String> jvmOptions, String mainClass, String... args) throws IOException {
        return start(log, entry -> true, jvmOptions, mainClass, args);
    }

    /** @param keep which class path entries the child gets (e.g. all but a native library's jar) */
    public static Process start(Path log, java.util.function.Predicate<Path> keep, List<String> jvmOptions, String mainClass,
            String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(NativeInventory.classPath().stream().filter(keep).map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator)));
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmOptions);
        command.add(mainClass);
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
