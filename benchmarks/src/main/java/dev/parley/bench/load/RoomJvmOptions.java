package dev.parley.bench.load;

import java.util.List;

/**
 * The JVM options the room's launchers ({@code ./parley server}, the installed {@code parley-server} and its
 * systemd unit) start the room with on Linux. The load and room-size tools give them to the JVMs they start
 * unless {@code --server-jvm} says otherwise, so a figure measures the room as it ships. The bare forwarder
 * gets the same options: the comparison is then one runtime against another, not one collector against another.
 */
public final class RoomJvmOptions {

    /**
     * {@code parley}'s {@code server_default_opts} on Linux and the installed launcher's {@code parley-server.properties};
     * {@code RoomJvmOptionsTest} fails when they part.
     */
    public static final List<String> LAUNCHER = List.of("-XX:+UseSerialGC", "-Xms8m", "-Xmx512m",
            // As in ./parley: a JDK 17 before 17.0.9 has no periodic trim and would refuse to start.
            "-XX:+IgnoreUnrecognizedVMOptions", "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000");

    private RoomJvmOptions() {
    }
}
