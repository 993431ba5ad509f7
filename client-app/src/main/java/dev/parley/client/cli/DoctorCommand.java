package dev.parley.client.cli;

import dev.parley.client.platform.doctor.Doctor;
import dev.parley.client.platform.doctor.RoomTarget;
import dev.parley.platform.AppDirs;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./parley doctor}: prints the {@link Doctor} report, the text to paste when asking for help. */
@Command(name = "parley doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Checks this machine for Parley: versions, natives, echo cancellation, sound devices, "
                + "folders, and with --room the room's fingerprint, UDP or tunnel, round trip and loss. "
                + "Prints no passwords or tokens.")
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--room", paramLabel = "HOST[:PORT]|LINK", description = "A room to test the connection to (joins briefly as a guest).")
    String room;

    @Option(names = "--plain", description = "The room was started with --plain (ws://, no TLS).")
    boolean plain;

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5", description = "How long to measure the voice link (default 5).")
    double seconds;

    @Option(names = "--no-open", description = "Only list sound devices; do not open them.")
    boolean noOpen;

    @Option(names = "--data", paramLabel = "DIR", description = "The Parley data folder to describe (default: this user's).")
    Path data;

    /** Tests: where voice datagrams go instead of the relay (to see the tunnel). Not a user option. */
    UnaryOperator<InetSocketAddress> relayRoute = UnaryOperator.identity();

    public static void main(String[] args) {
        System.exit(new CommandLine(new DoctorCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (seconds <= 0 || seconds > 120) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be between 0 and 120");
        }
        Optional<RoomTarget> target;
        try {
            target = room == null ? Optional.empty() : Optional.of(RoomTarget.parse(room, plain));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        AppDirs mine = AppDirs.forCurrentUser();
        AppDirs dirs = data == null ? mine : new AppDirs(data, mine.logs());
        Doctor doctor = new Doctor(dirs, target, Duration.ofMillis((long) (seconds * 1000)), !noOpen, relayRoute);
        spec.commandLine().getOut().print(doctor.run().render());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
